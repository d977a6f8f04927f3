using System.Globalization;
using System.Text;

namespace Pipeline.Data.Simulation;

/// <summary>The network-traffic simulator's CSV layout: header, LF line ends, rates with two decimals, 0/1 flags.</summary>
public static class NetworkCsvFormat
{
    /// <summary>The header line.</summary>
    public const string Header =
        "connection_id,duration,protocol,service,flag,src_bytes,dst_bytes,failed_logins,logged_in,root_shell,"
        + "count,srv_count,serror_rate,rerror_rate,same_srv_rate,"
        + "dst_host_count,dst_host_srv_count,dst_host_same_srv_rate,dst_host_serror_rate,attack,difficulty";

    /// <summary>Appends one record as a CSV line, with its line break.</summary>
    public static void AppendLine(StringBuilder text, in NetworkConnection r)
    {
        var c = CultureInfo.InvariantCulture;
        text.Append(r.Id.ToString(c)).Append(',')
            .Append(r.DurationSeconds.ToString(c)).Append(',')
            .Append(r.Protocol).Append(',')
            .Append(r.Service).Append(',')
            .Append(r.Flag).Append(',')
            .Append(r.SourceBytes.ToString(c)).Append(',')
            .Append(r.DestinationBytes.ToString(c)).Append(',')
            .Append(r.FailedLogins.ToString(c)).Append(',')
            .Append(r.LoggedIn ? '1' : '0').Append(',')
            .Append(r.RootShell ? '1' : '0').Append(',')
            .Append(r.Count.ToString(c)).Append(',')
            .Append(r.ServiceCount.ToString(c)).Append(',')
            .Append(Rate(r.SynErrorRate)).Append(',')
            .Append(Rate(r.RejectErrorRate)).Append(',')
            .Append(Rate(r.SameServiceRate)).Append(',')
            .Append(r.HostCount.ToString(c)).Append(',')
            .Append(r.HostServiceCount.ToString(c)).Append(',')
            .Append(Rate(r.HostSameServiceRate)).Append(',')
            .Append(Rate(r.HostSynErrorRate)).Append(',')
            .Append(r.Attack).Append(',')
            .Append(r.Difficulty.ToString(c)).Append('\n');
    }

    private static string Rate(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);
}
