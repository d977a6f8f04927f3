namespace Pipeline.Data.Simulation;

/// <summary>One simulated process, with the columns of the AI4I 2020 file (sensor values as recorded).</summary>
public readonly record struct Ai4iRecord(
    long Udi,
    char Type,
    long Serial,
    double AirTemperature,
    double ProcessTemperature,
    double RotationalSpeed,
    double Torque,
    double ToolWear,
    bool Twf,
    bool Hdf,
    bool Pwf,
    bool Osf,
    bool Rnf)
{
    /// <summary>Machine failure: any failure mode.</summary>
    public bool MachineFailure => Twf || Hdf || Pwf || Osf || Rnf;
}
