using Microsoft.AspNetCore.Http;
using Relief.Api.Acting;
using Relief.Api.Common;
using Relief.Workflows.Cases;
using Relief.Workflows.Common;
using Relief.Workflows.Quotas;

namespace Relief.Api.Cases;

/// <summary>The answer of <c>POST /api/cases/decisions</c>: one result per case, in the order the cases were listed.</summary>
public sealed record BulkDecisionResponse(IReadOnlyList<BulkDecisionResult> Results);

/// <summary>What one case of a bulk decision answered: the status its own route would give, and why when not 200.</summary>
public sealed record BulkDecisionResult(Guid Id, int Status, string? Detail);

/// <summary>
/// One decision for many cases (an approver's selection from the inbox, oldest first, up to 500). Each case is its
/// own consistency boundary and is decided at most once; the cases are decided a few at a time, in the order listed,
/// as <see cref="BulkDecisionGate"/> allows, so a quota that runs out part-way refuses the last cases listed.
/// </summary>
public static class CaseBulkDecisionEndpoint
{
    public const int MaxCases = 500;

    /// <summary>
    /// Cases decided at once by one request. A decision is a call to its own case grain that commits several writes in
    /// turn (the recovery wake-up, the quota place, the money, the case with its inbox rows), and the quota grain of the
    /// approver's unit takes one place at a time (it is not reentrant). A few calls in flight keep that grain and the
    /// storage busy (steps arriving together share a commit of their wake-ups); more would only queue at the quota, on
    /// the silo's two cores, ahead of other approvers' single decisions.
    /// </summary>
    private const int ConcurrentDecisions = 8;

    private sealed record Listed(int Index, Guid CaseId, int? Version, Guid ProgrammeId);

    public static async Task<IResult> DecideMany(BulkDecisionRequest request, HttpContext http, IGrainFactory grains)
    {
        var errors = new FieldErrors();
        var decision = new DecisionRequest(request.Decision, request.Comment, null).ToDecision(errors);
        if (request.Cases is not { Count: > 0 and <= MaxCases })
        {
            errors.Add("cases", $"name 1 to {MaxCases} cases");
        }
        else
        {
            ValidateCases(request.Cases, errors);
        }
        if (decision is { Kind: not DecisionKind.Approve, Comment: null })
        {
            // Said once for the whole list rather than once per case.
            errors.Add("comment", $"say why the cases are {(decision.Kind == DecisionKind.Return ? "returned" : "rejected")}");
        }
        if (decision is null || errors.Any)
        {
            return CommandResults.Invalid(errors.ByField);
        }
        var results = new BulkDecisionResult[request.Cases!.Count];
        var toDecide = await Decidable(request.Cases, results, http, grains);
        var approving = decision.Kind == DecisionKind.Approve;
        var gate = new BulkDecisionGate(ConcurrentDecisions, approving,
            approving ? await PlacesLeft(toDecide, http.Actor(), grains) : new Dictionary<Guid, int>());
        await DecideInOrder(toDecide, gate, decision, http.Actor(), grains, results);
        return TypedResults.Ok(new BulkDecisionResponse(results));
    }

    /// <summary>Faults of the list itself refuse the whole request; what each case answers comes back per case.</summary>
    private static void ValidateCases(IReadOnlyList<BulkDecisionCase?> cases, FieldErrors errors)
    {
        var seen = new HashSet<Guid>();
        for (var i = 0; i < cases.Count; i++)
        {
            if (cases[i]?.Id is not { } id)
            {
                errors.Add($"cases[{i}].id", "the case id is missing");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"cases[{i}].id", "the case is listed twice");
            }
            if (cases[i]?.Version is < 1)
            {
                errors.Add($"cases[{i}].version", "versions start at 1");
            }
        }
    }

    /// <summary>
    /// The cases the caller may decide, in the order listed; the others answered as the single-case route answers
    /// (404 for a case the caller may not read, 403 for one waiting at another unit). Reads only, a few at a time.
    /// </summary>
    private static async Task<List<Listed>> Decidable(IReadOnlyList<BulkDecisionCase> cases, BulkDecisionResult[] results, HttpContext http,
        IGrainFactory grains)
    {
        var (user, actor) = (http.User(), http.Actor());
        var readable = new Listed?[cases.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentDecisions },
            async (i, _) =>
            {
                var caseId = cases[i].Id!.Value;
                if (await grains.GetGrain<ICaseGrain>(caseId).Whereabouts() is not { } where || !user.Sees(where.BranchCode))
                {
                    results[i] = new BulkDecisionResult(caseId, StatusCodes.Status404NotFound, "no such case among what you may read");
                }
                else if (where.WaitingAt is { } waitingAt && waitingAt != actor.UnitCode)
                {
                    // Seen, but decided by the unit where it waits.
                    results[i] = new BulkDecisionResult(caseId, StatusCodes.Status403Forbidden,
                        $"You act at your own unit {actor.UnitCode}; this is done by {waitingAt}.");
                }
                else
                {
                    readable[i] = new Listed(i, caseId, cases[i].Version, where.ProgrammeId);
                }
            });
        return [.. readable.OfType<Listed>()];
    }

    /// <summary>The places left at the caller's unit in each programme of the list, which its approvals take.</summary>
    private static async Task<Dictionary<Guid, int>> PlacesLeft(IEnumerable<Listed> cases, Actor actor, IGrainFactory grains)
    {
        var programmes = cases.Select(c => c.ProgrammeId).Distinct().ToList();
        var quotas = await Task.WhenAll(programmes.Select(p => grains.GetGrain<IQuotaGrain>(QuotaKeys.For(p, actor.UnitCode)).Describe()));
        return programmes.Zip(quotas, (programme, quota) => (programme, quota.Left)).ToDictionary();
    }

    /// <summary>Starts the decisions in the order listed as the gate allows, and puts each answer in its case's place.</summary>
    private static async Task DecideInOrder(List<Listed> cases, BulkDecisionGate gate, Decision decision, Actor actor, IGrainFactory grains,
        BulkDecisionResult[] results)
    {
        var running = new List<Task<(Listed Case, CommandResult Result)>>();
        async Task FinishOne()
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            var (listed, result) = await done;
            gate.Finished(listed.ProgrammeId, result);
            results[listed.Index] = new BulkDecisionResult(listed.CaseId, CaseEndpoints.StatusOf(result),
                result.Succeeded ? null : result.Message ?? "invalid");
        }
        async Task<(Listed, CommandResult)> Decide(Listed listed) =>
            (listed, await grains.GetGrain<ICaseGrain>(listed.CaseId).Decide(decision with { ExpectedVersion = listed.Version }, actor));

        try
        {
            foreach (var listed in cases)
            {
                while (!gate.MayStart(listed.ProgrammeId))
                {
                    await FinishOne();
                }
                gate.Started();
                running.Add(Decide(listed));
            }
            while (running.Count > 0)
            {
                await FinishOne();
            }
        }
        finally
        {
            // A decision that failed (storage down) fails the request, as it did, but only once those in flight
            // beside it are answered: none is left running after the approver was told.
            await Task.WhenAll(running.Cast<Task>()).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
