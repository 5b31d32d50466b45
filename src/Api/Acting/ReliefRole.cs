namespace Relief.Api.Acting;

/// <summary>What a user may do at their own unit; a user holds one or more roles there.</summary>
public enum ReliefRole
{
    /// <summary>Files and amends cases at a branch.</summary>
    Clerk,

    /// <summary>Decides cases waiting at the unit, publishes its notice lists, resolves objections.</summary>
    Approver,

    /// <summary>Grants, allocations, receipts, quotas handed down, payments.</summary>
    Finance,

    /// <summary>Reads the subtree, draws spot checks, records findings and vetoes.</summary>
    Auditor,

    /// <summary>Programmes and the hierarchy: national unit only.</summary>
    Admin,

    /// <summary>Operations: the live peak figures of the whole cluster (national unit).</summary>
    Ops,

    /// <summary>A member of the unit's union committee: votes on the cases a workflow puts to the committee.</summary>
    Committee,
}
