using System.Text.RegularExpressions;
using Relief.Silo.Configuration;

namespace Relief.Silo.Storage;

/// <summary>One versioned schema script of ours, shipped inside the silo (Storage/Migrations/{database}/NNNN_name.sql).</summary>
public sealed partial record SchemaScript(int Version, string Name, string Sql)
{
    /// <summary>The scripts for a storage mode, in the order they apply.</summary>
    public static IReadOnlyList<SchemaScript> For(StorageMode mode)
    {
        var folder = mode == StorageMode.Embedded ? "sqlite" : "postgresql";
        var prefix = $"Relief.Silo.Storage.Migrations.{folder}.";
        var assembly = typeof(SchemaScript).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name =>
            {
                var fileName = name[prefix.Length..];
                var match = ScriptName().Match(fileName);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Schema script {fileName} is not named NNNN_name.sql.");
                }
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new SchemaScript(int.Parse(match.Groups[1].Value), match.Groups[2].Value, reader.ReadToEnd());
            })
            .OrderBy(script => script.Version)
            .ToList();
    }

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
