using Relief.Api.Acting;
using Relief.Silo.Health;

namespace Relief.Silo.Accounts;

/// <summary>
/// The demo accounts of embedded mode, one or two per role at units of the demo hierarchy, all with the demo
/// password printed in the README. They exist only where local sign-in does (embedded mode), never in a cluster.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "Relief-Demo-2027";

    public static IReadOnlyList<(string UserId, string Unit, ReliefRole[] Roles)> All { get; } =
    [
        ("admin", "CN", [ReliefRole.Admin]),
        ("finance.cn", "CN", [ReliefRole.Finance]),
        ("auditor.cn", "CN", [ReliefRole.Auditor]),
        ("ops", "CN", [ReliefRole.Ops]),
        ("finance.guangdong", "CN-44", [ReliefRole.Finance]),
        // A second finance officer of the province: allocation plans are approved by someone other than their preparer.
        ("finance2.guangdong", "CN-44", [ReliefRole.Finance]),
        ("finance.guangzhou", "CN-44-01", [ReliefRole.Finance]),
        // Ops of one province: the running workflows of Guangdong's subtree only.
        ("ops.guangdong", "CN-44", [ReliefRole.Ops]),
        ("approver.shenzhen", "CN-44-03", [ReliefRole.Approver]),
        ("finance.shenzhen", "CN-44-03", [ReliefRole.Finance]),
        ("approver.nanshan", "CN-44-03-05", [ReliefRole.Approver]),
        ("approver2.nanshan", "CN-44-03-05", [ReliefRole.Approver]),
        ("finance.nanshan", "CN-44-03-05", [ReliefRole.Finance]),
        ("auditor.nanshan", "CN-44-03-05", [ReliefRole.Auditor]),
        ("clerk.nanshan-0001", "CN-44-03-05-0001", [ReliefRole.Clerk]),
        ("approver.nanshan-0001", "CN-44-03-05-0001", [ReliefRole.Approver]),
        ("finance.nanshan-0001", "CN-44-03-05-0001", [ReliefRole.Finance]),
        // The branch's union committee (five members), for workflows that put a case to its vote.
        .. Enumerable.Range(1, 5).Select(n => ($"committee{n}.nanshan-0001", "CN-44-03-05-0001", new[] { ReliefRole.Committee })),
    ];
}

/// <summary>Enrolls the demo accounts at start (embedded mode): an account that exists is left as it is.</summary>
public sealed class DemoAccountSeeder(IGrainFactory grains, SiloReadiness readiness, ILogger<DemoAccountSeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        readiness.Report("enrolling the demo accounts");
        var added = 0;
        foreach (var (userId, unit, roles) in DemoAccounts.All)
        {
            if (await grains.GetGrain<ILocalAccountGrain>(LocalAccountGrain.Key(userId)).Enroll(unit, [.. roles.Select(r => r.Name())], DemoAccounts.Password))
            {
                added++;
            }
        }
        if (added > 0)
        {
            logger.LogWarning("Enrolled {Count} demo accounts with the demo password from the README: for trying Relief out, never for real data", added);
        }
    }
}
