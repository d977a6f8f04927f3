using System.Globalization;
using System.Text;

namespace Pipeline.Data.Simulation;

/// <summary>The AI4I 2020 file's CSV layout: its header, LF line ends, shortest number formatting, 0/1 flags.</summary>
public static class Ai4iCsvFormat
{
    /// <summary>The header line of the real file.</summary>
    public const string Header =
        "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF";

    /// <summary>Appends one record as a CSV line, with its line break.</summary>
    public static void AppendLine(StringBuilder text, in Ai4iRecord r)
    {
        var c = CultureInfo.InvariantCulture;
        text.Append(r.Udi.ToString(c)).Append(',')
            .Append(r.Type).Append(r.Serial.ToString(c)).Append(',')
            .Append(r.Type).Append(',')
            .Append(r.AirTemperature.ToString(c)).Append(',')
            .Append(r.ProcessTemperature.ToString(c)).Append(',')
            .Append(r.RotationalSpeed.ToString(c)).Append(',')
            .Append(r.Torque.ToString(c)).Append(',')
            .Append(r.ToolWear.ToString(c)).Append(',')
            .Append(Flag(r.MachineFailure)).Append(',')
            .Append(Flag(r.Twf)).Append(',')
            .Append(Flag(r.Hdf)).Append(',')
            .Append(Flag(r.Pwf)).Append(',')
            .Append(Flag(r.Osf)).Append(',')
            .Append(Flag(r.Rnf)).Append('\n');
    }

    private static char Flag(bool value) => value ? '1' : '0';
}
