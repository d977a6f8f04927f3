using System.Globalization;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// A local model registry for one dataset: immutable versions in <c>versions/&lt;n&gt;/</c> (model.zip,
/// metadata.json and the files given at registration) and stage assignments in <c>stages.json</c>.
/// A version is assembled in a private staging folder and appears by one rename under an exclusive lock, so a
/// writer killed mid-way leaves no partial version and concurrent writers get distinct version numbers.
/// </summary>
public sealed class ModelRegistry
{
    static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Opens (without creating) the registry at <paramref name="directory"/>.</summary>
    public ModelRegistry(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The registry's folder.</summary>
    public string Directory { get; }

    string StagesPath => Path.Combine(Directory, RegistryLayout.StagesFile);

    /// <summary>Registered version numbers, ascending.</summary>
    public IReadOnlyList<int> Versions
    {
        get
        {
            var folder = Path.Combine(Directory, RegistryLayout.VersionsFolder);
            if (!System.IO.Directory.Exists(folder)) return [];
            return System.IO.Directory.EnumerateDirectories(folder)
                .Select(Path.GetFileName)
                .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(v => v > 0).Order().ToList();
        }
    }

    /// <summary>The folder of <paramref name="version"/> (whether or not it exists).</summary>
    public string VersionDirectory(int version) => RegistryLayout.VersionDirectory(Directory, version);

    /// <summary>The metadata of <paramref name="version"/>.</summary>
    /// <exception cref="ModelingException">The version does not exist.</exception>
    public ModelMetadata Metadata(int version)
    {
        RequireVersion(version);
        return ModelMetadata.Read(RegistryLayout.MetadataPath(VersionDirectory(version)));
    }

    /// <summary>Current stage assignments.</summary>
    /// <exception cref="ModelingException">stages.json exists but is damaged (not valid, null, or naming a version that is not registered).</exception>
    public StageAssignments Stages => StageAssignments.Read(StagesPath, Versions);

    /// <summary>The production version's folder, or null when no version is in production.</summary>
    public string? ProductionDirectory => Stages.Production is { } v ? VersionDirectory(v) : null;

    /// <summary>
    /// Registers a new version and returns its metadata. <paramref name="onStep"/> is told when each step completes.
    /// </summary>
    public ModelMetadata Register(ModelRegistration registration, Action<RegistrationStep>? onStep = null)
    {
        if (!File.Exists(registration.ModelPath))
            throw new ModelingException($"Model file {registration.ModelPath} does not exist; run the Train target first.");
        var stagingRoot = Path.Combine(Directory, RegistryLayout.StagingFolder);
        System.IO.Directory.CreateDirectory(stagingRoot);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, RegistryLayout.VersionsFolder));
        RemoveAbandonedStagingFolders(stagingRoot);

        var staging = Path.Combine(stagingRoot, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(staging);
        try
        {
            var modelTarget = Path.Combine(staging, registration.Metadata.ModelFile);
            File.Copy(registration.ModelPath, modelTarget);
            foreach (var (name, content) in registration.ExtraFiles)
                File.WriteAllText(Path.Combine(staging, name), content);
            var metadata = registration.Metadata with
            {
                ModelSha256 = ModelFileIntegrity.Sha256Of(modelTarget),
                ModelBytes = new FileInfo(modelTarget).Length,
            };
            onStep?.Invoke(RegistrationStep.StagingFilesWritten);

            using (RegistryLock.Acquire(Directory, LockTimeout))
            {
                onStep?.Invoke(RegistrationStep.LockAcquired);
                var versions = Versions;
                var version = versions.Count == 0 ? 1 : versions[^1] + 1;
                metadata = metadata with
                {
                    Version = version,
                    CreatedUtc = DateTimeOffset.UtcNow,
                    Lineage = metadata.Lineage with { ParentVersion = Stages.Production ?? (versions.Count == 0 ? null : versions[^1]) },
                };
                WriteDurably(RegistryLayout.MetadataPath(staging), metadata.ToJson());
                // The rename is the commit: before it nothing is visible, after it the version is complete.
                System.IO.Directory.Move(staging, VersionDirectory(version));
            }
            onStep?.Invoke(RegistrationStep.Committed);
            return metadata;
        }
        catch
        {
            if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Gives <paramref name="version"/> the <paramref name="stage"/>; the previous production version is archived.</summary>
    /// <exception cref="ModelingException">The version does not exist, or (for production and staging) its metadata is
    /// unreadable or its model file fails its SHA-256: a model that could not be loaded is never put in front of traffic.
    /// Archiving such a version is allowed, since that retires it.</exception>
    public StageAssignments Promote(int version, ModelStage stage)
    {
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            RequireVersion(version);
            if (stage != ModelStage.Archived) RequireIntact(version, $"Version {version} cannot be given the stage {stage.ToString().ToLowerInvariant()}");
            var updated = Stages.Assign(version, stage);
            updated.Write(StagesPath);
            return updated;
        }
    }

    /// <summary>Puts the previous production version back into production and archives the current one; returns the restored version.</summary>
    /// <exception cref="ModelingException">There is no production version, or no earlier one.</exception>
    public int Rollback()
    {
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            var updated = Stages.RolledBack(Directory, out var restored);
            RequireIntact(restored, $"Cannot roll back to version {restored}");
            updated.Write(StagesPath);
            return restored;
        }
    }

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

    // Reads the metadata and checks the model file's size and SHA-256; the message starts with what was refused.
    void RequireIntact(int version, string refused)
    {
        try
        {
            ModelFileIntegrity.Verify(VersionDirectory(version), Metadata(version));
        }
        catch (ModelingException e)
        {
            throw new ModelingException($"{refused}: {e.Message} The stages were not changed.", e);
        }
    }

    static void WriteDurably(string path, string content)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(content);
        stream.Flush(flushToDisk: true);
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
