using Relief.Workflows.Funds;

namespace Relief.Workflows.Notices;

/// <summary>One line of a public notice list: only masked data, safe for anyone to read; the branch by code and name.</summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeLine")]
public sealed record NoticeLine(
    [property: Id(0)] int Line,
    [property: Id(1)] string MaskedName,
    [property: Id(2)] string MaskedIdNumber,
    [property: Id(3)] string Branch,
    [property: Id(4)] string Category,
    [property: Id(5)] Money Amount,
    [property: Id(6)] string? BranchName = null);

/// <summary>Where an objection came from.</summary>
public enum ObjectionChannel
{
    Hotline,
    Letter,
    Online,
}

/// <summary>What became of an objection.</summary>
public enum ObjectionState
{
    Open,
    Upheld,
    Dismissed,

    /// <summary>Raised after the window closed: refused, kept on record for the auditors.</summary>
    Late,
}

/// <summary>An objection (举报 / 异议) against one line of a published list.</summary>
[GenerateSerializer, Immutable, Alias("Relief.Objection")]
public sealed record Objection(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Line,
    [property: Id(2)] string Reason,
    [property: Id(3)] ObjectionChannel Channel,
    [property: Id(4)] string? Contact,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] ObjectionState State,
    [property: Id(7)] string? Resolution,
    [property: Id(8)] string? ResolvedBy);

/// <summary>A published list as the public reads it.</summary>
[GenerateSerializer, Immutable, Alias("Relief.NoticeListView")]
public sealed record NoticeListView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid ProgrammeId,
    [property: Id(2)] string Unit,
    [property: Id(3)] NoticeWindow Window,
    [property: Id(4)] bool Closed,
    [property: Id(5)] IReadOnlyList<NoticeLine> Lines,
    [property: Id(6)] string Hotline,
    [property: Id(7)] string OnlineRoute,
    [property: Id(8)] string? UnitName = null);
