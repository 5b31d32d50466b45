using System.Globalization;
using System.Text;
using Relief.Workflows.Hierarchy;

namespace Relief.Bench.Season;

/// <summary>One org unit of the synthetic hierarchy.</summary>
public sealed record SyntheticUnit(string Code, string Name, string? Parent, OrgLevel Level);

/// <summary>
/// A hierarchy shaped like the real one: the national unit, 31 provinces (their real two-digit codes), about 10
/// cities per province, about 10 districts per city and 3 branches per district. A scale below 1 shrinks the three
/// fan-outs alike (each by the cube root of the scale), so a small tree still fans out at every level.
/// </summary>
public sealed class SyntheticHierarchy
{
    public const int BranchesPerDistrict = 3;

    // The provinces, autonomous regions and municipalities of the mainland, by their administrative codes.
    private static readonly int[] ProvinceCodes =
        [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];

    private SyntheticHierarchy(IReadOnlyList<SyntheticUnit> units, int provinces, int citiesPerProvince, int districtsPerCity)
    {
        Units = units;
        Provinces = provinces;
        CitiesPerProvince = citiesPerProvince;
        DistrictsPerCity = districtsPerCity;
    }

    public IReadOnlyList<SyntheticUnit> Units { get; }

    public int Provinces { get; }

    public int CitiesPerProvince { get; }

    public int DistrictsPerCity { get; }

    public IEnumerable<SyntheticUnit> At(OrgLevel level) => Units.Where(u => u.Level == level);

    public IReadOnlyList<string> Branches => At(OrgLevel.Branch).Select(u => u.Code).ToList();

    public static SyntheticHierarchy Build(double scale)
    {
        var fanOut = Math.Cbrt(scale);
        var provinces = Math.Clamp((int)Math.Round(ProvinceCodes.Length * Math.Min(fanOut, 1)), 1, ProvinceCodes.Length);
        // Above full scale the provinces stay 31 and the cities and districts grow instead.
        var below = fanOut * Math.Sqrt(Math.Max(fanOut, 1));
        var cities = Math.Clamp((int)Math.Round(10 * below), 1, 99);
        var districts = Math.Clamp((int)Math.Round(10 * below), 1, 99);

        var units = new List<SyntheticUnit> { new(OrgCode.NationalCode, "中华全国总工会", null, OrgLevel.National) };
        foreach (var p in ProvinceCodes.Take(provinces))
        {
            var province = $"CN-{p:D2}";
            units.Add(new(province, $"第{p}省总工会", OrgCode.NationalCode, OrgLevel.Provincial));
            for (var c = 1; c <= cities; c++)
            {
                var city = $"{province}-{c:D2}";
                units.Add(new(city, $"第{p}省第{c}市总工会", province, OrgLevel.City));
                for (var d = 1; d <= districts; d++)
                {
                    var district = $"{city}-{d:D2}";
                    units.Add(new(district, $"第{p}省第{c}市第{d}区总工会", city, OrgLevel.District));
                    for (var b = 1; b <= BranchesPerDistrict; b++)
                    {
                        units.Add(new($"{district}-{b:D4}", $"第{p}省第{c}市第{d}区第{b}基层工会", district, OrgLevel.Branch));
                    }
                }
            }
        }
        return new SyntheticHierarchy(units, provinces, cities, districts);
    }

    /// <summary>The tree as the import file (<c>code,name,parent_code</c>, UTF-8) that <c>import-orgs</c> reads.</summary>
    public byte[] ToImportFile()
    {
        var csv = new StringBuilder("code,name,parent_code\n");
        foreach (var unit in Units)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{unit.Code},{unit.Name},{unit.Parent}\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
