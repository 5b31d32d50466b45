using Relief.Workflows.Common;

namespace Relief.Workflows.Quotas;

/// <summary>A unit's recipient quota (名额) in a programme: received, split among children, used by approvals.</summary>
[GenerateSerializer, Immutable, Alias("Relief.QuotaView")]
public sealed record QuotaView(
    [property: Id(0)] int Quota,
    [property: Id(1)] int AllocatedToChildren,
    [property: Id(2)] int Used,
    [property: Id(3)] int Left,
    [property: Id(4)] IReadOnlyDictionary<string, int> Children);

/// <summary>
/// The recipient quota of one unit in one programme (key <c>quota/{programme}/{unit}</c>). It owns the scarce
/// thing, so approvals ask it first: single activation means concurrent approvals never exceed it.
/// </summary>
[Alias("Relief.IQuotaGrain")]
public interface IQuotaGrain : IGrainWithStringKey
{
    /// <summary>The national unit sets its own quota for the programme.</summary>
    [Alias("SetNational")]
    Task<CommandResult> SetNational(int recipients, Actor actor);

    /// <summary>A unit gives one of its direct children a quota out of its own.</summary>
    [Alias("Allocate")]
    Task<CommandResult> Allocate(string childCode, int recipients, Actor actor);

    /// <summary>
    /// An allocation plan's places set aside here for each child at once, or none when they do not all fit; asked
    /// again, nothing more. The children hear of them only when the plan gives them (<see cref="GivePlan"/>).
    /// </summary>
    [Alias("AllocatePlan")]
    Task<CommandResult> AllocatePlan(Guid planId, IReadOnlyDictionary<string, int> places, Actor actor);

    /// <summary>A plan's places given to the children: each told its quota (again, harmlessly, when asked again).</summary>
    [Alias("GivePlan")]
    Task<CommandResult> GivePlan(Guid planId, Actor actor);

    /// <summary>A plan's places put back before any child heard of them (its money was refused).</summary>
    [Alias("WithdrawPlan")]
    Task<CommandResult> WithdrawPlan(Guid planId, Actor actor);

    /// <summary>Called by the parent's quota: the quota this unit has received.</summary>
    [Alias("Receive")]
    Task<CommandResult> Receive(int recipients);

    /// <summary>Takes one place for a case approved here; false when the quota is used up. Idempotent per case.</summary>
    [Alias("TryTake")]
    Task<bool> TryTake(Guid caseId);

    /// <summary>Gives a case's place back (return or rejection after approval). Idempotent.</summary>
    [Alias("Release")]
    Task Release(Guid caseId);

    [Alias("Describe")]
    Task<QuotaView> Describe();
}

/// <summary>The key scheme of quota grains.</summary>
public static class QuotaKeys
{
    public static string For(Guid programmeId, string unitCode) => $"quota/{programmeId:N}/{unitCode}";

    public static (Guid ProgrammeId, string UnitCode) Parse(string key)
    {
        var parts = key.Split('/');
        return (Guid.Parse(parts[1]), parts[2]);
    }
}
