namespace Relief.Workflows.Hierarchy;

/// <summary>The five levels of the union hierarchy, top to bottom; the number is the depth.</summary>
public enum OrgLevel
{
    National = 1,
    Provincial = 2,
    City = 3,
    District = 4,
    Branch = 5,
}

/// <summary>Navigation between levels.</summary>
public static class OrgLevels
{
    public static OrgLevel? Below(this OrgLevel level) =>
        level == OrgLevel.Branch ? null : level + 1;
}
