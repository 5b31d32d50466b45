namespace Relief.Silo.Commands;

/// <summary>What the silo process was asked to do.</summary>
public enum SiloCommandKind
{
    /// <summary>Run the silo with the HTTP API until stopped.</summary>
    Serve,

    /// <summary>Apply the database schema and exit (a deployment job runs this before the silos).</summary>
    MigrateOnly,

    /// <summary>Load an org hierarchy from a CSV file and exit.</summary>
    ImportOrgs,
}

/// <summary>The command line: a command, its argument, and the rest handed to configuration.</summary>
public sealed record SiloCommand(SiloCommandKind Kind, string? File, string[] ConfigurationArgs)
{
    public const string Usage = """
        usage: Relief.Silo [--migrate-only | import-orgs FILE] [--Relief:Storage:Mode=Embedded|PostgreSql] [...settings]
          (no command)       run the silo and the HTTP API
          --migrate-only     apply the database schema, then exit
          import-orgs FILE   load org units from a CSV file (code,name,parent_code; UTF-8), then exit
        """;

    public static SiloCommand Parse(string[] args)
    {
        var rest = new List<string>();
        var kind = SiloCommandKind.Serve;
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--migrate-only":
                    kind = SiloCommandKind.MigrateOnly;
                    break;
                case "import-orgs":
                    kind = SiloCommandKind.ImportOrgs;
                    file = i + 1 < args.Length ? args[++i] : throw new ArgumentException("import-orgs needs a FILE");
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        return new SiloCommand(kind, file, [.. rest]);
    }
}
