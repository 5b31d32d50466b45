using Relief.Workflows.Common;
namespace Relief.Workflows.Cases;

/// <summary>The case id an <c>Idempotency-Key</c> stands for, or a refusal when the key came with another body.</summary>
[GenerateSerializer, Immutable, Alias("Relief.FilingKeyResult")]
public sealed record FilingKeyResult([property: Id(0)] Guid CaseId, [property: Id(1)] bool BodyDiffers);

/// <summary>
/// One client-chosen <c>Idempotency-Key</c> of one unit (key <c>filing-key/{unit}/{key}</c>): the first request
/// fixes the case id, so a retried filing reaches the same case grain, which answers as the first time.
/// </summary>
[Alias("Relief.IFilingKeyGrain")]
public interface IFilingKeyGrain : IGrainWithStringKey
{
    [Alias("Reserve")]
    Task<FilingKeyResult> Reserve(string requestHash);
}

[GenerateSerializer, Alias("Relief.FilingKeyState")]
public sealed class FilingKeyState
{
    [Id(0)] public Guid CaseId { get; set; }
    [Id(1)] public string RequestHash { get; set; } = "";
    [Id(2)] public DateTimeOffset ReservedAt { get; set; }
}

public sealed class FilingKeyGrain(
    [PersistentState("filing-key", StorageNames.Hot)] IPersistentState<FilingKeyState> key,
    ReliefClock clock) : Grain, IFilingKeyGrain
{
    public async Task<FilingKeyResult> Reserve(string requestHash)
    {
        if (key.RecordExists)
        {
            return new FilingKeyResult(key.State.CaseId, key.State.RequestHash != requestHash);
        }
        key.State = new FilingKeyState { CaseId = Guid.NewGuid(), RequestHash = requestHash, ReservedAt = clock.GetUtcNow() };
        await key.WriteOrDeactivate(DeactivateOnIdle);
        return new FilingKeyResult(key.State.CaseId, false);
    }
}
