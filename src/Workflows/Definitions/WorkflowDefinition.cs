using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;

namespace Relief.Workflows.Definitions;

/// <summary>
/// A programme's approval route as data: the levels that approve every case (bottom-up) and rules that add
/// or skip levels for some cases. Parsed and checked by <see cref="WorkflowDefinitionReader"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.WorkflowDefinition")]
public sealed record WorkflowDefinition(
    [property: Id(0)] IReadOnlyList<OrgLevel> Route,
    [property: Id(1)] IReadOnlyList<RouteRule> Rules,
    [property: Id(2)] NoticeRule? Notice = null,
    [property: Id(3)] IReadOnlyList<ServiceDeadline>? Deadlines = null)
{
    /// <summary>The service deadline of a level's step, if the definition gives one.</summary>
    public ServiceDeadline? DeadlineAt(OrgLevel level) => Deadlines?.FirstOrDefault(d => d.Level == level);

    /// <summary>
    /// The levels that approve this case, from the branch upward. Fixed when the case is filed (or amended),
    /// so a later definition version never changes a case already running.
    /// </summary>
    public IReadOnlyList<OrgLevel> RouteFor(Money amount, string category)
    {
        var levels = Route.ToHashSet();
        foreach (var rule in Rules.Where(r => r.When.Holds(amount, category)))
        {
            levels.UnionWith(rule.Add);
            levels.ExceptWith(rule.Skip);
        }
        return BottomUp(levels);
    }

    /// <summary>Every level a case of this programme may pass, bottom-up (for diagrams and queues).</summary>
    public IReadOnlyList<OrgLevel> PossibleLevels() =>
        BottomUp(Route.Concat(Rules.SelectMany(r => r.Add)));

    internal static IReadOnlyList<OrgLevel> BottomUp(IEnumerable<OrgLevel> levels) =>
        levels.Distinct().OrderByDescending(level => (int)level).ToList();
}

/// <summary>A rule of the route: when its condition holds for a case, it adds and skips levels.</summary>
[GenerateSerializer, Immutable, Alias("Relief.RouteRule")]
public sealed record RouteRule(
    [property: Id(0)] string? Name,
    [property: Id(1)] RuleCondition When,
    [property: Id(2)] IReadOnlyList<OrgLevel> Add,
    [property: Id(3)] IReadOnlyList<OrgLevel> Skip);

/// <summary>When a rule applies: every condition given must hold.</summary>
[GenerateSerializer, Immutable, Alias("Relief.RuleCondition")]
public sealed record RuleCondition(
    [property: Id(0)] Money? AmountAbove,
    [property: Id(1)] IReadOnlyList<string>? Categories)
{
    public bool Holds(Money amount, string category) =>
        (AmountAbove is not { } threshold || amount > threshold) &&
        (Categories is null || Categories.Contains(category, StringComparer.Ordinal));

    public string Describe(string language) =>
        string.Join(language == "en" ? " and " : "且",
            new[]
            {
                AmountAbove is { } threshold ? (language == "en" ? $"amount above {threshold}" : $"金额超过{threshold}元") : null,
                Categories is { } categories ? (language == "en" ? $"category {string.Join("/", categories)}" : $"类别为{string.Join("/", categories)}") : null,
            }.Where(part => part is not null));
}

/// <summary>How days of a notice window are counted.</summary>
public enum DayCounting
{
    WorkingDays,
    CalendarDays,
}

/// <summary>
/// Where approved cases are publicly noticed (公示) before they become payable, for how long, and at what Beijing time
/// of day the open list is published by itself (when not given, only by hand).
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeRule")]
public sealed record NoticeRule(
    [property: Id(0)] OrgLevel Level,
    [property: Id(1)] int Days,
    [property: Id(2)] DayCounting Counting,
    [property: Id(3)] TimeOnly? PublishAt = null);

/// <summary>
/// How long a level may keep a case waiting (for example 3 working days): longer, the case is overdue in its
/// queue; twice as long, the level above sees it in its escalations.
/// </summary>
[GenerateSerializer, Immutable, Alias("Relief.ServiceDeadline")]
public sealed record ServiceDeadline(
    [property: Id(0)] OrgLevel Level,
    [property: Id(1)] int Days,
    [property: Id(2)] DayCounting Counting);
