using Relief.Api.Acting;

namespace Relief.Integration.Tests.Access;

/// <summary>Who a route lets through, as the issue states it (the test's own table, not read from the code).</summary>
public enum Gate
{
    /// <summary>Reads a resource of a unit: its own users and every unit above see it; everyone else gets 404.</summary>
    Read,

    /// <summary>Acts at the resource's unit: only its users with the role; units above see it (403); others 404.</summary>
    ActAtUnit,

    /// <summary>Acts on a resource any unit that sees it may touch, given the role (re-running faulted steps).</summary>
    ActOnVisible,

    /// <summary>Acts at the caller's own unit (filing, bulk decisions): the role decides.</summary>
    ActAsRole,

    /// <summary>National acts (programmes): the admin of CN only; 403 for everyone else.</summary>
    National,

    /// <summary>Any signed-in user.</summary>
    SignedIn,

    /// <summary>Reads a unit's own record: its users, every unit above and every unit below see it; everyone else gets 404.</summary>
    ReadUpAndDown,
}

/// <summary>Where the resource of a route sits: the Nanshan district, its branch 0001, or the national unit.</summary>
public enum ResourceAt
{
    District,
    Branch,
    National,
}

/// <summary>One route of the API as the matrix calls it, with a body that passes the gate but not validation.</summary>
public sealed record AccessRoute(
    string Name,
    HttpMethod Method,
    Func<AccessWorld, string> Path,
    Gate Gate,
    ResourceAt At,
    ReliefRole[] Roles,
    object? Body = null,
    bool ReadsAlwaysOk = true,
    string? ContentType = null)
{
    public override string ToString() => Name;
}

/// <summary>Every signed-in route of the API.</summary>
public static class AccessRoutes
{
    private const string Nanshan = "CN-44-03-05";
    private const string Branch = "CN-44-03-05-0001";
    private static readonly object BadAmount = new { amount = "-1", child = Branch, source = "OwnFunds" };

    private static readonly object BadGoods = new { item = "大米", quantity = 0, cost = "80", value = "80", donor = "某公司", child = Branch };

    private static string P(AccessWorld w) => $"/api/programmes/{w.ProgrammeId}";

    public static IReadOnlyList<AccessRoute> All { get; } =
    [
        // Reads of the district's resources.
        new("org unit", HttpMethod.Get, _ => $"/api/orgunits/{Nanshan}", Gate.ReadUpAndDown, ResourceAt.District, []),
        new("queue", HttpMethod.Get, w => $"/api/orgunits/{Nanshan}/queue?programme={w.ProgrammeId}", Gate.Read, ResourceAt.District, []),
        new("escalations", HttpMethod.Get, w => $"/api/orgunits/{Nanshan}/escalations?programme={w.ProgrammeId}", Gate.Read, ResourceAt.District, []),
        new("quota", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/quota", Gate.Read, ResourceAt.District, []),
        new("account", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/account", Gate.Read, ResourceAt.District, []),
        new("ledger", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/ledger", Gate.Read, ResourceAt.District, []),
        new("stock", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/stock", Gate.Read, ResourceAt.District, []),
        new("unreached", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/unreached", Gate.Read, ResourceAt.District, []),
        new("disclosure", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/disclosure", Gate.Read, ResourceAt.District, []),
        new("statement", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/statement", Gate.Read, ResourceAt.District, []),
        new("unpaid", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/unpaid", Gate.Read, ResourceAt.District, []),
        new("roll-up", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/rollup", Gate.Read, ResourceAt.District, []),
        new("notice board", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/notices", Gate.Read, ResourceAt.District, []),
        new("spot checks of a unit", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/spot-checks", Gate.Read, ResourceAt.District, []),
        new("objections", HttpMethod.Get, w => $"/api/notices/{w.NoticeList}/objections", Gate.Read, ResourceAt.District, []),
        new("notice list", HttpMethod.Get, w => $"/api/notices/{w.NoticeList}", Gate.Read, ResourceAt.District, []),
        new("spot check", HttpMethod.Get, w => $"/api/spot-checks/{w.SpotCheck}", Gate.Read, ResourceAt.District, []),
        // Reads of the branch's case.
        new("case", HttpMethod.Get, w => $"/api/cases/{w.WaitingCase}", Gate.Read, ResourceAt.Branch, []),
        new("case diagram", HttpMethod.Get, w => $"/api/cases/{w.WaitingCase}/diagram", Gate.Read, ResourceAt.Branch, []),
        new("trace", HttpMethod.Get, w => $"/api/cases/{w.NoticedCase}/trace", Gate.Read, ResourceAt.Branch, [], ReadsAlwaysOk: false),
        // Acts at the district.
        new("grant", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/grants", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadAmount),
        new("allocation", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/allocations", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadAmount),
        new("goods purchase", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/goods/purchases", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadGoods),
        new("goods donation", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/goods/donations", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadGoods),
        new("goods allocation", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/goods/allocations", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadGoods),
        new("receipt", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/receipts/{Guid.Empty}", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance]),
        new("prepare a plan", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/plans", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], new { }),
        new("plan from CSV", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/plans/csv", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance],
            "child,amount\n", ContentType: "text/csv"),
        new("plan proposal", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/plans/proposal", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], ReadsAlwaysOk: false),
        new("plans", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/plans", Gate.Read, ResourceAt.District, []),
        new("plan", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/plans/{Guid.Empty}", Gate.Read, ResourceAt.District, [], ReadsAlwaysOk: false),
        new("plan share", HttpMethod.Get, w => $"{P(w)}/orgunits/{Nanshan}/plans/{Guid.Empty}/share", Gate.Read, ResourceAt.District, [], ReadsAlwaysOk: false),
        new("decide on a plan", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/plans/{Guid.Empty}/decisions", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], new { }),
        new("confirm a plan's receipt", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/plans/{Guid.Empty}/receipt", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance]),
        new("reclaim", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/reclaims", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadAmount),
        new("return", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/returns", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], BadAmount),
        new("child's quota", HttpMethod.Put, w => $"{P(w)}/orgunits/{Branch}/quota", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Finance], new { recipients = -1 }),
        new("publish notice", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/notices/publish", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Approver]),
        new("resolve objection", HttpMethod.Post, w => $"/api/notices/{w.NoticeList}/objections/{Guid.Empty}/resolution", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Approver], new { }),
        new("draw spot check", HttpMethod.Post, w => $"{P(w)}/orgunits/{Nanshan}/spot-checks", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Auditor], new { percent = 0 }),
        new("finding", HttpMethod.Post, w => $"/api/spot-checks/{w.SpotCheck}/findings", Gate.ActAtUnit, ResourceAt.District, [ReliefRole.Auditor], new { }),
        // Acts on the branch's case.
        new("decision", HttpMethod.Post, w => $"/api/cases/{w.WaitingCase}/decisions", Gate.ActAtUnit, ResourceAt.Branch, [ReliefRole.Approver], new { decision = "maybe" }),
        new("amendment", HttpMethod.Put, w => $"/api/cases/{w.WaitingCase}", Gate.ActAtUnit, ResourceAt.Branch, [ReliefRole.Clerk], new { }),
        new("payment", HttpMethod.Post, w => $"/api/cases/{w.WaitingCase}/payment", Gate.ActAtUnit, ResourceAt.Branch, [ReliefRole.Finance], new { }),
        new("retry incidents", HttpMethod.Post, w => $"/api/cases/{w.WaitingCase}/incidents/retry", Gate.ActOnVisible, ResourceAt.Branch,
            [ReliefRole.Approver, ReliefRole.Clerk, ReliefRole.Admin, ReliefRole.Ops]),
        new("case instance", HttpMethod.Get, w => $"/api/cases/{w.WaitingCase}/instance", Gate.ActOnVisible, ResourceAt.Branch, [ReliefRole.Ops, ReliefRole.Admin]),
        new("instances of a subtree", HttpMethod.Get, w => $"{P(w)}/instances?unit=CN-44-03-05", Gate.ActOnVisible, ResourceAt.District,
            [ReliefRole.Ops, ReliefRole.Admin]),
        new("move a case", HttpMethod.Post, w => $"/api/cases/{w.WaitingCase}/move", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("reassign a task", HttpMethod.Post, w => $"/api/tasks/{w.WaitingTask}/reassign", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("migrate cases", HttpMethod.Post, w => $"{P(w)}/migrations", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("migration progress", HttpMethod.Get, w => $"{P(w)}/migrations/{Guid.Empty}", Gate.National, ResourceAt.National, [ReliefRole.Admin], ReadsAlwaysOk: false),
        new("cancel a case", HttpMethod.Post, w => $"/api/cases/{w.WaitingCase}/cancel", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        // Acts at the caller's own unit.
        new("file a case", HttpMethod.Post, w => $"{P(w)}/cases", Gate.ActAsRole, ResourceAt.District, [ReliefRole.Clerk], new { }),
        new("file a csv", HttpMethod.Post, w => $"{P(w)}/cases/batch", Gate.ActAsRole, ResourceAt.District, [ReliefRole.Clerk], "name,idNumber\n", ContentType: "text/csv"),
        new("task completion", HttpMethod.Post, w => $"/api/tasks/{w.WaitingTask}/complete", Gate.ActAtUnit, ResourceAt.Branch, [ReliefRole.Approver], new { outcome = "" }),
        new("bulk decision", HttpMethod.Post, _ => "/api/cases/decisions", Gate.ActAsRole, ResourceAt.District, [ReliefRole.Approver], new { decision = "maybe" }),
        // National acts and reads of programmes.
        new("create programme", HttpMethod.Post, _ => "/api/programmes", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("revise programme", HttpMethod.Put, P, Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("save route", HttpMethod.Put, w => $"{P(w)}/workflow", Gate.National, ResourceAt.National, [ReliefRole.Admin], "{}"),
        new("simulate a case", HttpMethod.Post, w => $"{P(w)}/workflow/simulate", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("publish programme", HttpMethod.Post, w => $"{P(w)}/publish", Gate.National, ResourceAt.National, [ReliefRole.Admin]),
        new("programmes", HttpMethod.Get, _ => "/api/programmes", Gate.SignedIn, ResourceAt.National, []),
        new("programme", HttpMethod.Get, P, Gate.SignedIn, ResourceAt.National, []),
        new("route", HttpMethod.Get, w => $"{P(w)}/workflow", Gate.SignedIn, ResourceAt.National, []),
        new("workflow examples", HttpMethod.Get, _ => "/api/programmes/workflow-examples", Gate.SignedIn, ResourceAt.National, []),
        new("workflow example", HttpMethod.Get, _ => "/api/programmes/workflow-examples/hardship-grant", Gate.SignedIn, ResourceAt.National, []),
        new("workflow kinds", HttpMethod.Get, _ => "/api/programmes/workflow-kinds", Gate.SignedIn, ResourceAt.National, []),
        new("workflow draft", HttpMethod.Get, w => $"{P(w)}/workflow/draft", Gate.National, ResourceAt.National, [ReliefRole.Admin], ReadsAlwaysOk: false),
        new("save a workflow draft", HttpMethod.Put, w => $"{P(w)}/workflow/draft", Gate.National, ResourceAt.National, [ReliefRole.Admin], "[]"),
        new("publish a workflow draft", HttpMethod.Post, w => $"{P(w)}/workflow/draft/publish", Gate.National, ResourceAt.National, [ReliefRole.Admin]),
        new("check a workflow", HttpMethod.Post, w => $"{P(w)}/workflow/check", Gate.National, ResourceAt.National, [ReliefRole.Admin], "{}"),
        new("workflow schema", HttpMethod.Get, _ => "/api/programmes/workflow-schema", Gate.SignedIn, ResourceAt.National, []),
        new("me", HttpMethod.Get, _ => "/api/me", Gate.SignedIn, ResourceAt.National, []),
        new("ops peak", HttpMethod.Get, w => $"/api/ops/peak?programme={w.ProgrammeId}", Gate.National, ResourceAt.National, [ReliefRole.Ops]),
        // The holiday calendar: read by all, replaced by the national admin.
        new("calendars", HttpMethod.Get, _ => "/api/calendars", Gate.SignedIn, ResourceAt.National, []),
        new("calendar year", HttpMethod.Get, _ => "/api/calendars/2027", Gate.SignedIn, ResourceAt.National, []),
        new("calendar preview", HttpMethod.Post, _ => "/api/calendars/2027/preview", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
        new("replace calendar", HttpMethod.Put, _ => "/api/calendars/2027", Gate.National, ResourceAt.National, [ReliefRole.Admin], new { }),
    ];
}
