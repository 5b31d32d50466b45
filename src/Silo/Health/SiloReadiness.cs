namespace Relief.Silo.Health;

/// <summary>
/// What the silo is doing on its way up, shown by <c>/health/ready</c>: ready only once the schema is
/// applied, the silo has joined its cluster and the start-up work (the demo hierarchy) is done.
/// </summary>
public sealed class SiloReadiness
{
    private volatile string _status = "starting";
    private volatile bool _ready;

    public bool IsReady => _ready;

    public string Status => _status;

    public void Report(string status) => _status = status;

    public void MarkReady()
    {
        _status = "ready";
        _ready = true;
    }

    public void MarkStopping()
    {
        _ready = false;
        _status = "stopping";
    }
}
