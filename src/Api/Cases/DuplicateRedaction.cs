using Relief.Api.Acting;
using Relief.Workflows.Common;

namespace Relief.Api.Cases;

/// <summary>
/// The duplicate guard names the case a person already has. A clerk learns which case and branch only when that
/// branch is in their own subtree; otherwise only that the person is registered elsewhere in the programme.
/// </summary>
public static class DuplicateRedaction
{
    public static CommandResult ForCaller(this CommandResult result, ReliefUser user) =>
        result.Details is { } details && details.TryGetValue("existingBranch", out var branch) && !user.Sees(branch)
            ? CommandResult.Conflict("This person already has a case in the programme at another unit; their earlier case stands.")
            : result;
}
