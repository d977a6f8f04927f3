namespace Pipeline.Data.Simulation;

/// <summary>
/// The recent connections the network-traffic simulator's count and rate features are computed over, kept in a
/// fixed ring buffer (so a stream of any length needs constant memory): the last 2 seconds (at most
/// <see cref="Capacity"/> connections, as KDD caps its counts) and the last 100 connections.
/// </summary>
internal sealed class TrafficWindow
{
    public const int Capacity = 512;
    public const double Seconds = 2;
    public const int HostWindow = 100;

    private readonly double[] _time = new double[Capacity];
    private readonly int[] _host = new int[Capacity];
    private readonly int[] _service = new int[Capacity];
    private readonly bool[] _synError = new bool[Capacity];
    private readonly bool[] _rejected = new bool[Capacity];
    private int _next;
    private int _size;

    /// <summary>The window's features for a connection at <paramref name="time"/>, which is then added to it.</summary>
    public WindowFeatures Observe(double time, int host, int service, bool synError, bool rejected)
    {
        int count = 1, serviceCount = 1, synErrors = synError ? 1 : 0, rejects = rejected ? 1 : 0, sameService = 1;
        int hostCount = 1, hostServiceCount = 1, hostSynErrors = synError ? 1 : 0;
        for (var k = 0; k < _size; k++)
        {
            var j = (_next - 1 - k + Capacity) % Capacity;
            var recent = time - _time[j] <= Seconds;
            var inHostWindow = k < HostWindow - 1;
            if (!recent && !inHostWindow) break;
            var sameHost = _host[j] == host;
            var sameServ = _service[j] == service;
            if (recent)
            {
                if (sameServ) serviceCount++;
                if (sameHost)
                {
                    count++;
                    if (_synError[j]) synErrors++;
                    if (_rejected[j]) rejects++;
                    if (sameServ) sameService++;
                }
            }
            if (inHostWindow && sameHost)
            {
                hostCount++;
                if (sameServ) hostServiceCount++;
                if (_synError[j]) hostSynErrors++;
            }
        }
        _time[_next] = time;
        _host[_next] = host;
        _service[_next] = service;
        _synError[_next] = synError;
        _rejected[_next] = rejected;
        _next = (_next + 1) % Capacity;
        _size = Math.Min(_size + 1, Capacity);
        return new WindowFeatures(count, serviceCount, (double)synErrors / count, (double)rejects / count, (double)sameService / count,
            hostCount, hostServiceCount, (double)hostServiceCount / hostCount, (double)hostSynErrors / hostCount);
    }
}

/// <summary>Counts and rates over the recent connections (see <see cref="NetworkConnection"/>).</summary>
internal readonly record struct WindowFeatures(
    int Count, int ServiceCount, double SynErrorRate, double RejectErrorRate, double SameServiceRate,
    int HostCount, int HostServiceCount, double HostSameServiceRate, double HostSynErrorRate);
