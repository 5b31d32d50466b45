namespace Relief.Bench.References.WorkflowCoreRoute;

/// <summary>The events that move a case along the route; each case waits for its own (the event key is the case key).</summary>
public static class RouteEvents
{
    public const string DistrictDecision = "district-decision";
    public const string CityDecision = "city-decision";
    public const string ProvinceDecision = "province-decision";
    public const string NoticeClosed = "notice-closed";
    public const string Payment = "payment";
}
