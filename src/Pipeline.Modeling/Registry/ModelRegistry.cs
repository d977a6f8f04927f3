using System.Globalization;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// A local model registry for one dataset: immutable versions in <c>versions/&lt;n&gt;/</c> (model.zip,
/// metadata.json, the files given at registration and manifest.json, whose digest covers them all) and an
/// append-only event log in <c>events/</c> (registrations, stage changes, images, deployments, drift checks,
/// retrains, pruning) from which the stages are derived.
/// A version is assembled in a private staging folder and appears by one rename under an exclusive lock, so a
/// writer killed mid-way leaves no partial version and concurrent writers get distinct version numbers.
/// </summary>
public sealed partial class ModelRegistry : IModelRegistry, IRegistrationLog
{
    const string VersionsFolder = RegistryLayout.VersionsFolder;
    const string StagingFolder = RegistryLayout.StagingFolder;
    const string ArchiveFolder = RegistryLayout.ArchiveFolder;
    const string TrashFolder = RegistryLayout.TrashFolder;
    static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Opens (without creating) the registry at <paramref name="directory"/>.</summary>
    public ModelRegistry(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The registry of <paramref name="dataset"/> under <paramref name="registryRoot"/> (e.g. models/registry).</summary>
    public static ModelRegistry ForDataset(string registryRoot, string dataset) => new(Path.Combine(registryRoot, dataset));

    /// <summary>The registry's folder.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string Location => Directory;

    /// <inheritdoc />
    public IReadOnlyList<StoredEvent> ReadEvents() => Events.ReadAll();

    /// <inheritdoc />
    public string LocalVersionDirectory(int version)
    {
        RequireVersion(version);
        return VersionDirectory(version);
    }

    /// <inheritdoc />
    public string? VersionDigest(int version)
    {
        var manifest = Path.Combine(VersionDirectory(version), VersionManifest.FileName);
        return File.Exists(manifest) ? VersionManifest.DigestOf(File.ReadAllBytes(manifest)) : null;
    }

    /// <summary>Nothing to release: a folder registry holds no connection.</summary>
    public void Dispose() { }

    string StagesPath => Path.Combine(Directory, RegistryLayout.StagesFile);

    /// <summary>The registry's event log.</summary>
    public EventLog Events => new(Path.Combine(Directory, EventLog.FolderName));

    /// <summary>Registered version numbers, ascending (pruned versions excluded).</summary>
    public IReadOnlyList<int> Versions => NumberedFolders(Path.Combine(Directory, VersionsFolder));

    /// <summary>Versions archived by <see cref="Prune"/>, ascending.</summary>
    public IReadOnlyList<int> ArchivedByRetention => NumberedFolders(Path.Combine(Directory, ArchiveFolder));

    /// <summary>The folder of <paramref name="version"/> (whether or not it exists).</summary>
    public string VersionDirectory(int version) => Path.Combine(Directory, VersionsFolder, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The metadata of <paramref name="version"/>.</summary>
    /// <exception cref="ModelingException">The version does not exist.</exception>
    public ModelMetadata Metadata(int version)
    {
        RequireVersion(version);
        return ModelMetadata.Read(Path.Combine(VersionDirectory(version), RegistryLayout.MetadataFile));
    }

    /// <summary>Registers a new version, always (also when the same model is registered), and returns its metadata.</summary>
    /// <remarks>Kept for callers that want a new version each time; the build uses the idempotent
    /// <see cref="Register(RegistrationRequest, Action{RegistrationStep}?)"/>.</remarks>
    public ModelMetadata Register(ModelRegistration registration, Action<RegistrationStep>? onStep = null) =>
        Commit(new RegistrationRequest(registration), deduplicate: false, onStep).Metadata;

    /// <summary>
    /// Registers the model once: when a version with the same identity (model SHA-256, data hash and configuration
    /// hash) exists, returns it (<see cref="RegistrationOutcome.AlreadyRegistered"/>) and writes nothing; when that
    /// version was committed by a writer that stopped before recording it or giving it a stage, finishes it
    /// (<see cref="RegistrationOutcome.Finished"/>). Otherwise commits a new version, records it and gives it the
    /// stage <see cref="RegistrationRequest.ChooseStage"/> chooses. All of it happens under the registry lock.
    /// </summary>
    /// <exception cref="ModelingException">The model file is missing, or the existing version with this identity fails verification.</exception>
    public RegistrationResult Register(RegistrationRequest request, Action<RegistrationStep>? onStep = null) =>
        Commit(request, deduplicate: true, onStep);

    RegistrationResult Commit(RegistrationRequest request, bool deduplicate, Action<RegistrationStep>? onStep)
    {
        var registration = request.Registration;
        if (!File.Exists(registration.ModelPath))
            throw new ModelingException($"Model file {registration.ModelPath} does not exist; run the Train target first.");
        var stagingRoot = Path.Combine(Directory, StagingFolder);
        System.IO.Directory.CreateDirectory(stagingRoot);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, VersionsFolder));
        RemoveAbandonedStagingFolders(stagingRoot);

        var staging = Path.Combine(stagingRoot, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            var metadata = WriteStagingFiles(staging, registration);
            onStep?.Invoke(RegistrationStep.StagingFilesWritten);

            using (RegistryLock.Acquire(Directory, LockTimeout))
            {
                onStep?.Invoke(RegistrationStep.LockAcquired);
                if (deduplicate && RegistrationCompletion.FindByIdentity(this, Versions, VersionIdentity.Of(metadata)) is { } existing)
                {
                    System.IO.Directory.Delete(staging, recursive: true);
                    return RegistrationCompletion.CompleteExisting(this, existing, request);
                }
                var version = NextVersionNumber();
                var stagesBefore = ReadStageState().Stages;
                metadata = metadata with
                {
                    Version = version,
                    CreatedUtc = DateTimeOffset.UtcNow,
                    Lineage = metadata.Lineage with { ParentVersion = stagesBefore.Production ?? LatestVersion() },
                };
                var digest = SealVersionFolder(staging, metadata, registration);
                // The rename is the commit: before it nothing is visible, after it the version is complete.
                System.IO.Directory.Move(staging, VersionDirectory(version));
                DurableFiles.FlushDirectory(Path.Combine(Directory, VersionsFolder));
                onStep?.Invoke(RegistrationStep.Committed);
                return RegistrationCompletion.RecordAndStage(this, metadata, digest, request, RegistrationOutcome.Registered);
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true);
        }
    }

    // Copies the model and writes the extra files into a staging folder; returns the metadata with the model's hash and size.
    internal static ModelMetadata WriteStagingFiles(string staging, ModelRegistration registration)
    {
        var modelTarget = Path.Combine(staging, registration.Metadata.ModelFile);
        File.Copy(registration.ModelPath, modelTarget);
        foreach (var (name, content) in registration.ExtraFiles)
            File.WriteAllText(Path.Combine(staging, name), content);
        return registration.Metadata with
        {
            ModelSha256 = ModelFileIntegrity.Sha256Of(modelTarget),
            ModelBytes = new FileInfo(modelTarget).Length,
        };
    }

    // Writes the files rendered from the final metadata (the model card), metadata.json and manifest.json into the
    // staging folder and flushes every file and the folder to disk, so that the commit rename never makes visible a
    // version whose bytes are not on disk. Returns the version digest.
    internal static string SealVersionFolder(string staging, ModelMetadata metadata, ModelRegistration registration)
    {
        foreach (var (name, content) in registration.SealedFiles?.Invoke(metadata) ?? new Dictionary<string, string>())
            File.WriteAllText(Path.Combine(staging, name), content);
        DurableFiles.Write(Path.Combine(staging, RegistryLayout.MetadataFile), System.Text.Encoding.UTF8.GetBytes(metadata.ToJson()));
        foreach (var name in VersionManifest.FilesOf(staging))
            DurableFiles.Flush(Path.Combine(staging, name));
        var manifest = VersionManifest.Of(staging).ToBytes();
        DurableFiles.Write(Path.Combine(staging, VersionManifest.FileName), manifest);
        DurableFiles.FlushDirectory(staging);
        return VersionManifest.DigestOf(manifest);
    }

    // The shared registration steps, on this folder's log; the caller holds the lock.
    IReadOnlyList<StoredEvent> IRegistrationLog.ReadEvents() => Events.ReadAll();
    StageState IRegistrationLog.StagesOf(IReadOnlyList<StoredEvent> events) => ReadStageState(events);
    StoredEvent IRegistrationLog.AppendEvent(RegistryEvent @event, string? actor) => Events.Append(@event, actor);
    (StageState State, StageRace? Race) IRegistrationLog.AppendStageChange(StageState before, StageChanged change, string? actor) => AppendStageChange(before, change, actor);
    VersionVerification IRegistrationLog.RequireIntact(int version, string refused) => RequireIntact(version, refused);

    // One past every number ever used: a pruned version's number is never given again, so events stay unambiguous.
    int NextVersionNumber()
    {
        var used = Versions.Concat(ArchivedByRetention)
            .Concat(Events.ReadAll().Select(e => e.Event.Version ?? 0));
        return used.DefaultIfEmpty(0).Max() + 1;
    }

    int? LatestVersion() => Versions is { Count: > 0 } versions ? versions[^1] : null;


    void RequireVersion(int version)
    {
        if (!System.IO.Directory.Exists(VersionDirectory(version)))
        {
            var versions = Versions;
            throw new ModelingException(versions.Count == 0
                ? $"The model registry {Directory} has no versions yet; run the Register target first."
                : $"Version {version} is not in the model registry {Directory}; registered versions: {string.Join(", ", versions)}.");
        }
    }

    static IReadOnlyList<int> NumberedFolders(string folder)
    {
        if (!System.IO.Directory.Exists(folder)) return [];
        return System.IO.Directory.EnumerateDirectories(folder)
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0).Order().ToList();
    }

    // A staging folder whose process no longer runs belongs to a killed writer: it can never be committed.
    static void RemoveAbandonedStagingFolders(string stagingRoot)
    {
        foreach (var folder in System.IO.Directory.EnumerateDirectories(stagingRoot))
        {
            var name = Path.GetFileName(folder);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], out var pid) || ProcessIsAlive(pid)) continue;
            try { System.IO.Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* another writer is cleaning it up at the same moment */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
