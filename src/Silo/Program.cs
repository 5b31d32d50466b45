using Relief.Silo.Commands;
using Relief.Silo.Configuration;

// The Relief process: `Relief.Silo` serves; `--migrate-only` and `import-orgs FILE` are ops commands.
SiloCommand command;
try
{
    command = SiloCommand.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + SiloCommand.Usage);
    return 2;
}

try
{
    return command.Kind switch
    {
        SiloCommandKind.MigrateOnly => await MigrateOnlyCommand.Run(command.ConfigurationArgs),
        SiloCommandKind.ImportOrgs => await ImportOrgsCommand.Run(command.File!, command.ConfigurationArgs),
        _ => await ServeCommand.Run(command.ConfigurationArgs),
    };
}
catch (ReliefConfigurationException ex)
{
    // A wrong setting stops the process at once, naming the setting.
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (DataFolderInUseException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
