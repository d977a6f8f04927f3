namespace Pipeline.Data.Simulation;

/// <summary>
/// One simulated connection record, in the style of the KDD Cup 1999 / NSL-KDD features: what the connection was,
/// what happened in it, and counts and rates over the recent connections (the last 2 seconds and the last 100
/// connections) to the same destination host or service.
/// </summary>
public readonly record struct NetworkConnection(
    long Id,
    long DurationSeconds,
    string Protocol,
    string Service,
    string Flag,
    long SourceBytes,
    long DestinationBytes,
    int FailedLogins,
    bool LoggedIn,
    bool RootShell,
    int Count,
    int ServiceCount,
    double SynErrorRate,
    double RejectErrorRate,
    double SameServiceRate,
    int HostCount,
    int HostServiceCount,
    double HostSameServiceRate,
    double HostSynErrorRate,
    string Attack,
    int Difficulty);
