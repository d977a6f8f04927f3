using System.Globalization;
using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

public sealed partial class OciModelRegistry
{
    /// <summary>Writers that lost a number try the next one at most this many times before giving up with a sentence.</summary>
    const int MaxClaimAttempts = 50;

    /// <inheritdoc />
    /// <remarks>
    /// The protocol (no compare-and-swap needed): (a) the version's blobs and its manifest are pushed by digest,
    /// invisible to readers; (b) the writer claims number N = one past every number used (versions, claims, archives,
    /// events) with the immutable tag <c>claim-N-&lt;writer&gt;</c>, then lists the tags: if another claim of N exists
    /// the writer lost N, deletes its manifest by digest and tries again after a random backoff (of two concurrent
    /// claimers at least one sees the other, so at most one wins); (c) the winner tags <c>vN</c>. A writer killed before
    /// (c) leaves a claim without <c>vN</c>: a gap in the numbers, never reused. Idempotency: a version with the same
    /// identity (model SHA-256, data hash, configuration hash) is looked up first and returned or finished.
    /// </remarks>
    public RegistrationResult Register(RegistrationRequest request, Action<RegistrationStep>? onStep = null)
    {
        var registration = request.Registration;
        if (!File.Exists(registration.ModelPath))
            throw new ModelingException($"Model file {registration.ModelPath} does not exist; run the Train target first.");
        var staging = Path.Combine(CacheDirectory, ".staging", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var identified = ModelRegistry.WriteStagingFiles(staging, registration);
            for (var attempt = 1; ; attempt++)
            {
                var tags = Tags();
                var events = ReadEvents(tags);
                if (RegistrationCompletion.FindByIdentity(this, tags.Versions, VersionIdentity.Of(identified)) is { } existing)
                    return RegistrationCompletion.CompleteExisting(this, existing, request);
                var stages = StageState.Replay(new StageAssignments(), events).Stages;
                var version = Math.Max(tags.HighestNumber, events.Select(e => e.Event.Version ?? 0).DefaultIfEmpty(0).Max()) + 1;
                var metadata = identified with
                {
                    Version = version,
                    CreatedUtc = DateTimeOffset.UtcNow,
                    Lineage = identified.Lineage with { ParentVersion = stages.Production ?? (tags.Versions.Count > 0 ? tags.Versions[^1] : null) },
                };
                foreach (var sealedFile in new[] { RegistryLayout.MetadataFile, VersionManifest.FileName })
                    File.Delete(Path.Combine(staging, sealedFile));
                ModelRegistry.SealVersionFolder(staging, metadata, registration);
                var (manifest, digest) = PushVersionManifest(staging, metadata);
                onStep?.Invoke(RegistrationStep.StagingFilesWritten);

                if (!Claim(version, manifest))
                {
                    Run(() => _client.DeleteManifestAsync(digest));
                    if (attempt == MaxClaimAttempts)
                        throw new ModelingException($"Could not claim a version number in {Location} after {MaxClaimAttempts} attempts: other writers claimed every number tried. Try again.");
                    Thread.Sleep(Random.Shared.Next(20, 50 * Math.Min(attempt, 8)));
                    continue;
                }
                onStep?.Invoke(RegistrationStep.Claimed);
                Run(() => _client.PutManifestAsync(OciRegistryTags.VersionTagOf(version), manifest));
                onStep?.Invoke(RegistrationStep.Committed);
                return RegistrationCompletion.RecordAndStage(this, metadata, digest, request, RegistrationOutcome.Registered);
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    // Pushes every file of the sealed folder as a layer and the manifest by its digest (no tag: nobody sees it yet).
    (byte[] Manifest, string Digest) PushVersionManifest(string folder, ModelMetadata metadata) => Run(async () =>
    {
        var layers = new List<OciDescriptor>();
        foreach (var name in VersionManifest.FilesOf(folder).Append(VersionManifest.FileName))
            layers.Add(await _client.PushFileAsync(Path.Combine(folder, name), FileMediaType,
                new Dictionary<string, string> { [OciManifest.TitleAnnotation] = name }));
        var config = await _client.PushFileAsync(RegistryLayout.MetadataPath(folder), MetadataMediaType);
        var annotations = new Dictionary<string, string>
        {
            [OciManifest.CreatedAnnotation] = metadata.CreatedUtc.UtcDateTime.ToString("O"),
            [WriterAnnotation] = WriterId,
            [VersionAnnotation] = metadata.Version.ToString(CultureInfo.InvariantCulture),
        };
        if (DataDigestOf(metadata) is { } data) annotations[DataDigestAnnotation] = data;
        var bytes = OciManifest.Create(ModelArtifactType, config, layers, annotations).ToBytes();
        var digest = await _client.PutManifestAsync(OciDigest.Of(bytes), bytes);
        return (bytes, digest);
    });

    // Pushes claim-N-<writer> and wins N only when no other writer's claim of N (or vN) is listed afterwards.
    bool Claim(int version, byte[] manifest)
    {
        Run(() => _client.PutManifestAsync(OciRegistryTags.ClaimTagOf(version, WriterId), manifest));
        var tags = Tags();
        return !tags.Versions.Contains(version) && tags.Claims.All(c => c.Version != version || c.Writer == WriterId);
    }

    /// <summary>The digest of the training data a version's metadata records (<c>sha256:</c> and its data hash), or null when it records none.</summary>
    public static string? DataDigestOf(ModelMetadata metadata) =>
        OciDigest.IsValid("sha256:" + metadata.Lineage.DataHash.ToLowerInvariant()) ? "sha256:" + metadata.Lineage.DataHash.ToLowerInvariant() : null;

    // The shared registration steps, on this repository's log (the log alone holds the stages: no legacy file).
    StageState IRegistrationLog.StagesOf(IReadOnlyList<StoredEvent> events) => StageState.Replay(new StageAssignments(), events);
    StoredEvent IRegistrationLog.AppendEvent(RegistryEvent @event, string? actor) => AppendEvent(@event, actor);
    (StageState State, StageRace? Race) IRegistrationLog.AppendStageChange(StageState before, StageChanged change, string? actor) => AppendStageChange(change, actor);
    VersionVerification IRegistrationLog.RequireIntact(int version, string refused) => RequireIntact(version, refused);
}
