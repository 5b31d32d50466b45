namespace Relief.Silo.Configuration;

/// <summary>A setting that stops the silo at once; the message names the setting and the fix.</summary>
public sealed class ReliefConfigurationException(string setting, string reason)
    : Exception($"Configuration error in '{setting}': {reason}")
{
    public string Setting { get; } = setting;
}
