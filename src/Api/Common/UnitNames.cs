using Relief.Workflows.Hierarchy;

namespace Relief.Api.Common;

/// <summary>The names of a page's units, so that each code shows with its name beside it.</summary>
public static class UnitNames
{
    public static async Task<IReadOnlyDictionary<string, string>> Of(IGrainFactory grains, IEnumerable<string> codes)
    {
        var views = await Task.WhenAll(codes.Distinct(StringComparer.Ordinal).Select(code => grains.GetGrain<IOrgUnitGrain>(code).Describe()));
        return views.OfType<OrgUnitView>().ToDictionary(v => v.Code, v => v.Name, StringComparer.Ordinal);
    }
}
