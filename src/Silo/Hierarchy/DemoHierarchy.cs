namespace Relief.Silo.Hierarchy;

/// <summary>The demo hierarchy bundled with the silo: 全总, two provinces, four cities, eight districts, 32 branches.</summary>
public static class DemoHierarchy
{
    private const string ResourceName = "Relief.Silo.DemoData.demo-hierarchy.csv";

    public static byte[] Read()
    {
        using var stream = typeof(DemoHierarchy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo hierarchy resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
