using System.Net;
using Microsoft.Extensions.Configuration;

namespace Relief.Silo.Configuration;

/// <summary>Cluster identity and ports (section <c>Relief:Cluster</c>).</summary>
public sealed record ClusterSettings
{
    public const string Section = "Relief:Cluster";

    public required string ClusterId { get; init; }
    public required string ServiceId { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }

    /// <summary>The address other silos reach this one at (a pod's IP); found automatically when absent.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>
    /// Running as pods: Orleans' Kubernetes hosting takes the pod's IP and the cluster ids from the pod
    /// (POD_IP, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID) and removes the pods of silos declared dead.
    /// </summary>
    public bool Kubernetes { get; init; }

    public static ClusterSettings FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new ClusterSettings
        {
            ClusterId = NonEmpty(section, "ClusterId", "relief"),
            ServiceId = NonEmpty(section, "ServiceId", "relief"),
            SiloPort = Port(section, "SiloPort", 11111),
            GatewayPort = Port(section, "GatewayPort", 30000),
            AdvertisedAddress = Address(section, "AdvertisedAddress"),
            Kubernetes = Flag(section, "Kubernetes"),
        };
    }

    private static string NonEmpty(IConfigurationSection section, string key, string fallback)
    {
        var value = section[key];
        return string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
    }

    private static bool Flag(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        return bool.TryParse(text, out var value)
            ? value
            : throw new ReliefConfigurationException($"{Section}:{key}", $"'{text}' is not true or false");
    }

    private static IPAddress? Address(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new ReliefConfigurationException($"{Section}:{key}", $"'{text}' is not an IP address");
    }

    private static int Port(IConfigurationSection section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, out var port) || port is < 1 or > 65535)
        {
            throw new ReliefConfigurationException($"{Section}:{key}", $"'{text}' is not a TCP port (1-65535)");
        }
        return port;
    }
}
