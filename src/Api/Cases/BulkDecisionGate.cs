using Relief.Workflows.Common;

namespace Relief.Api.Cases;

/// <summary>
/// Which case of a bulk decision may start now, so that deciding several at once changes no answer the list would
/// get one case after another. Cases start in the order listed, at most <c>bound</c> at a time. An approval takes a
/// place of the caller's quota, and the quota grain takes places one at a time but in the order the calls reach it,
/// not the order listed; so approvals run together only while every one in flight is sure of a place (fewer in
/// flight than the places left, read before the first one, less those taken since). Near the quota's edge, and once
/// any approval of the list was refused (another approver may be taking the same places, or the branch's money may
/// have run out), they go one at a time as they always did: the last places go to the cases listed first, and a case
/// is refused for lack of a place only when every case listed before it has been answered.
/// </summary>
public sealed class BulkDecisionGate(int bound, bool approving, IReadOnlyDictionary<Guid, int> placesLeft)
{
    private readonly Dictionary<Guid, int> _placesLeft = new(placesLeft);
    private bool _oneAtATime;

    /// <summary>The decisions started and not yet answered.</summary>
    public int Running { get; private set; }

    /// <summary>Whether the next case listed, of the programme given, may start beside those running.</summary>
    public bool MayStart(Guid programmeId) =>
        Running == 0
        || (Running < bound && (!approving || (!_oneAtATime && Running < _placesLeft.GetValueOrDefault(programmeId))));

    public void Started() => Running++;

    public void Finished(Guid programmeId, CommandResult result)
    {
        Running--;
        if (!approving)
        {
            return; // a return or a rejection takes nothing scarce
        }
        if (result.Succeeded)
        {
            _placesLeft[programmeId] = _placesLeft.GetValueOrDefault(programmeId) - 1;
        }
        else if (result.Outcome == CommandOutcome.Conflict)
        {
            _oneAtATime = true;
        }
    }
}
