using Microsoft.AspNetCore.Identity;
using Relief.Workflows;

namespace Relief.Silo.Accounts;

/// <summary>A local account of embedded mode: its unit, roles and password hash, and its failed sign-ins.</summary>
[GenerateSerializer, Alias("Relief.LocalAccount")]
public sealed class LocalAccount
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public string UnitCode { get; set; } = "";
    [Id(2)] public List<string> Roles { get; set; } = [];
    [Id(3)] public string PasswordHash { get; set; } = "";
    [Id(4)] public int FailedAttempts { get; set; }
    [Id(5)] public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>What a sign-in attempt came to.</summary>
[GenerateSerializer, Immutable, Alias("Relief.SignInOutcome")]
public sealed record SignInOutcome(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? UnitCode,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] DateTimeOffset? LockedUntil);

/// <summary>A local account (key <c>login/{user id}</c>).</summary>
[Alias("Relief.ILocalAccountGrain")]
public interface ILocalAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account unless it exists (seeding runs at every start).</summary>
    [Alias("Enroll")]
    Task<bool> Enroll(string unitCode, IReadOnlyList<string> roles, string password);

    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password);
}

/// <summary>
/// Checks passwords with ASP.NET Core Identity's hasher and locks the account for
/// <see cref="LockoutDuration"/> after <see cref="MaxFailedAttempts"/> failures in a row, so guessing is slow even
/// from many addresses (the sign-in route is also rate-limited per address).
/// </summary>
public sealed class LocalAccountGrain(
    [PersistentState("login", StorageNames.Relief)] IPersistentState<LocalAccount> account,
    IPasswordHasher<LocalAccount> hasher,
    ReliefClock clock) : Grain, ILocalAccountGrain
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static string Key(string userId) => $"login/{userId}";

    public async Task<bool> Enroll(string unitCode, IReadOnlyList<string> roles, string password)
    {
        if (account.RecordExists)
        {
            return false;
        }
        var state = account.State;
        state.UserId = this.GetPrimaryKeyString()["login/".Length..];
        state.UnitCode = unitCode;
        state.Roles = [.. roles];
        state.PasswordHash = hasher.HashPassword(state, password);
        await account.WriteStateAsync();
        return true;
    }

    public async Task<SignInOutcome> SignIn(string password)
    {
        var state = account.State;
        var now = clock.GetUtcNow();
        if (!account.RecordExists)
        {
            // Hash anyway, so an unknown user takes as long to refuse as a wrong password.
            hasher.HashPassword(state, password);
            return new SignInOutcome(false, null, [], null);
        }
        if (state.LockedUntil is { } until && until > now)
        {
            return new SignInOutcome(false, null, [], until);
        }
        var verdict = hasher.VerifyHashedPassword(state, state.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            state.FailedAttempts++;
            if (state.FailedAttempts >= MaxFailedAttempts)
            {
                state.LockedUntil = now + LockoutDuration;
                state.FailedAttempts = 0;
            }
            await account.WriteStateAsync();
            return new SignInOutcome(false, null, [], state.LockedUntil > now ? state.LockedUntil : null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.PasswordHash = hasher.HashPassword(state, password);
        }
        if (state.FailedAttempts > 0 || state.LockedUntil is not null || verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.FailedAttempts = 0;
            state.LockedUntil = null;
            await account.WriteStateAsync();
        }
        return new SignInOutcome(true, state.UnitCode, state.Roles, null);
    }
}
