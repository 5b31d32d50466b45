using Microsoft.AspNetCore.Http;
using Relief.Api.Common;
using Relief.Workflows.Funds;
using Relief.Workflows.Hierarchy;
using Relief.Workflows.Plans;
using Relief.Workflows.Programmes;

namespace Relief.Api.Plans;

/// <summary>
/// Lines proposed for a plan in proportion to each child's share of the recipients an earlier programme paid in its
/// subtree (last season's 送温暖), or of its trade-union members as the hierarchy gives them, to be changed on the page
/// before the plan is submitted. Nothing is written.
/// </summary>
public static class PlanProposals
{
    public static async Task<IResult> Propose(Guid id, string code, string? basis, Guid? from, decimal? amount, int? recipients,
        IGrainFactory grains, ILedgerRows rows)
    {
        var errors = new FieldErrors();
        if (!EnumNames.TryParse<PlanBasis>(basis, out var wanted) || wanted is not (PlanBasis.LastSeasonRecipients or PlanBasis.Members))
        {
            errors.Add("basis", "lastSeasonRecipients (the recipients an earlier programme paid below each child) or members (each child's trade-union members)");
        }
        if (wanted == PlanBasis.LastSeasonRecipients && from is null)
        {
            errors.Add("from", "the earlier programme whose recipients the plan follows (?from=…)");
        }
        else if (wanted == PlanBasis.LastSeasonRecipients && (from == id || !await grains.GetGrain<IProgrammeGrain>(from!.Value).Exists()))
        {
            errors.Add("from", from == id ? "an earlier programme, not this one" : $"no programme has the id {from}");
        }
        var total = errors.Amount("amount", amount, allowZero: true);
        if (recipients is < 0)
        {
            errors.Add("recipients", "a whole number of places, 0 or more");
        }
        if (errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var unit = (await grains.GetGrain<IOrgUnitGrain>(code).Describe())!;
        var weights = await Task.WhenAll(unit.Children.Select(async child => new ProposalWeight(child.Code, wanted == PlanBasis.Members
            ? (await grains.GetGrain<IOrgUnitGrain>(child.Code).Describe())?.Members ?? 0
            : (await rows.Totals(new LedgerQuery(from!.Value, child.Code, Subtree: true, Kinds: [LedgerEntryKind.Disbursed]))).Sum(t => t.Entries))));
        if (PlanProposal.InProportion(total, recipients ?? 0, weights) is not { } lines)
        {
            return CommandResults.Problem(StatusCodes.Status409Conflict, "Conflict", wanted == PlanBasis.Members
                ? $"No child of {code} has a member count in the hierarchy: nothing to propose in proportion to."
                : $"The programme {from} paid no recipient below {code}: nothing to propose in proportion to.");
        }
        var names = unit.Children.ToDictionary(c => c.Code, c => c.Name);
        var counts = weights.ToDictionary(w => w.Child, w => w.Weight);
        return TypedResults.Ok(new
        {
            basis = wanted,
            from,
            total,
            recipients = recipients ?? 0,
            lines = lines.Select(l => new { child = l.Child, name = names[l.Child], weight = counts[l.Child], amount = l.Amount, recipients = l.Recipients }),
        });
    }
}
