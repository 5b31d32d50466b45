using Relief.Workflows.Hierarchy;

namespace Relief.Api.Common;

/// <summary>A unit's list read a page at a time: the unit code from the route, offset and limit from the query.</summary>
public static class UnitPageRequest
{
    /// <summary>The errors name <c>code</c>, <c>offset</c> or <c>limit</c>; none means both outs are good.</summary>
    public static Dictionary<string, string[]> Read(string code, int? offset, int? limit, out OrgCode unit, out PageRequest page)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OrgCode.TryParse(code, out unit, out var problem))
        {
            errors["code"] = [problem];
        }
        page = PageRequest.Read(offset, limit, errors);
        return errors;
    }
}
