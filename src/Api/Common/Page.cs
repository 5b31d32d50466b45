namespace Relief.Api.Common;

/// <summary>One page of a longer list, with what a client needs to ask for the next one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

/// <summary>Cuts pages out of lists held in memory.</summary>
public static class Page
{
    public static Page<T> Of<T>(IReadOnlyList<T> all, PageRequest request) =>
        new(all.Skip(request.Offset).Take(request.Limit).ToList(), all.Count, request.Offset, request.Limit);
}

/// <summary>Offset and limit of a list request, checked at the edge.</summary>
public readonly record struct PageRequest(int Offset, int Limit)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>Reads <c>offset</c> and <c>limit</c>; the errors name the query parameter and the reason.</summary>
    public static PageRequest Read(
        int? offset, int? limit, Dictionary<string, string[]> errors, string offsetName = "offset", string limitName = "limit")
    {
        if (offset is < 0)
        {
            errors[offsetName] = ["must be 0 or more"];
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors[limitName] = [$"must be between 1 and {MaxLimit}"];
        }
        return new PageRequest(Math.Max(offset ?? 0, 0), Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit));
    }
}
