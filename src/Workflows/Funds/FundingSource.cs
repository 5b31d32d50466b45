namespace Relief.Workflows.Funds;

/// <summary>Where money comes from (资金来源). The order is the tie-break order of proportional splits.</summary>
public enum FundingSource
{
    /// <summary>全总拨款: the national federation's allocation.</summary>
    NationalAllocation,

    /// <summary>省总补贴: a provincial federation's subsidy.</summary>
    ProvincialSubsidy,

    /// <summary>Local government money.</summary>
    LocalGovernment,

    /// <summary>本级投入: the unit's own funds.</summary>
    OwnFunds,

    /// <summary>社会捐助: social donations (each names its donor).</summary>
    SocialDonation,
}
