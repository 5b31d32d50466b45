using Relief.Api.Common;
using Relief.Workflows.Hierarchy;

namespace Relief.Api.OrgUnits;

/// <summary>An org unit as <c>GET /api/orgunits/{code}</c> returns it.</summary>
public sealed record OrgUnitResponse(
    string Code,
    string Name,
    OrgLevel Level,
    OrgUnitSummary? Parent,
    Page<OrgUnitSummary> Children);
