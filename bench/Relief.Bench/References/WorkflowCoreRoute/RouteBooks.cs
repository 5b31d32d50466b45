using System.Collections.Concurrent;

namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>
/// What the reference's steps share, in memory as its persistence is: the duplicate guard, the branches' money
/// (reserved on approval, disbursed on payment) and a count of the cases that passed each stage.
/// </summary>
public sealed class RouteBooks
{
    private readonly ConcurrentDictionary<string, string> _claims = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _available = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _reserved = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _disbursed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _passed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _paidCases = new(StringComparer.Ordinal);

    public void Fund(string branch, long fen) => _available.AddOrUpdate(branch, fen, (_, have) => have + fen);

    public bool Claim(string idNumber, string caseKey) => _claims.GetOrAdd(idNumber, caseKey) == caseKey;

    public bool Reserve(string branch, long fen)
    {
        lock (_available)
        {
            if (_available.GetValueOrDefault(branch) < fen)
            {
                return false;
            }
            _available[branch] -= fen;
            _reserved.AddOrUpdate(branch, fen, (_, have) => have + fen);
            return true;
        }
    }

    public bool Disburse(string caseKey, string branch, long fen)
    {
        if (!_paidCases.TryAdd(caseKey, 0))
        {
            return false;
        }
        lock (_available)
        {
            _reserved[branch] -= fen;
            _disbursed.AddOrUpdate(branch, fen, (_, have) => have + fen);
        }
        return true;
    }

    public void Passed(string stage) => _passed.AddOrUpdate(stage, 1, (_, n) => n + 1);

    public int CountPassed(string stage) => _passed.GetValueOrDefault(stage);

    public int PaidCases => _paidCases.Count;

    public long DisbursedFen => _disbursed.Values.Sum();

    public long ReservedFen => _reserved.Values.Sum();
}
