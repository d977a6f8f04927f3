using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace Pipeline.Oci;

/// <summary>
/// A client of one repository of an OCI Distribution registry (the HTTP API every registry serves): blobs, manifests,
/// tags. Content is addressed by digest and verified on the way in and out. Transient failures (network, 5xx, 429)
/// are retried with backoff; errors are sentences naming the registry and the repository, and never quote a
/// credential, even when the registry echoes one back.
/// </summary>
public sealed class OciRepositoryClient : IDisposable
{
    /// <summary>Blobs up to this size are sent in one request that can be replayed for authentication.</summary>
    private const long ReplayableBytes = 8L << 20;

    private readonly HttpClient _http;
    private readonly OciCredentials? _credentials;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;

    /// <summary>Creates a client for <paramref name="address"/>.</summary>
    /// <param name="address">The registry and repository.</param>
    /// <param name="credentials">Credentials, when the registry asks for them.</param>
    /// <param name="handler">The HTTP handler (tests may inject one); default: a new socket handler.</param>
    /// <param name="retryDelay">The first retry's delay (doubling, three retries); default 200 ms.</param>
    public OciRepositoryClient(OciRepositoryAddress address, OciCredentials? credentials = null, HttpMessageHandler? handler = null, TimeSpan? retryDelay = null)
    {
        Address = address;
        _credentials = credentials;
        _http = new HttpClient(new OciAuthenticationHandler(credentials, handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }))
        {
            BaseAddress = address.Registry,
            Timeout = TimeSpan.FromMinutes(10),
        };
        _retry = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                Delay = retryDelay ?? TimeSpan.FromMilliseconds(200),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests),
            })
            .Build();
    }

    /// <summary>The registry and repository.</summary>
    public OciRepositoryAddress Address { get; }

    private string V2 => $"/v2/{Address.Repository}";

    /// <summary>True when the registry holds the blob.</summary>
    public async Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Head, $"{V2}/blobs/{digest}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccess(response, $"check blob {Short(digest)}", cancellationToken);
        return true;
    }

    /// <summary>Uploads <paramref name="bytes"/> as a blob (unless the registry has it) and returns its descriptor.</summary>
    public async Task<OciDescriptor> PushBlobAsync(byte[] bytes, string mediaType, IReadOnlyDictionary<string, string>? annotations = null, CancellationToken cancellationToken = default)
    {
        var digest = OciDigest.Of(bytes);
        await PushBlobAsync(() => new MemoryStream(bytes, writable: false), digest, bytes.Length, cancellationToken);
        return new OciDescriptor(mediaType, digest, bytes.Length, annotations);
    }

    /// <summary>Uploads a file as a blob (unless the registry has it) and returns its descriptor.</summary>
    public async Task<OciDescriptor> PushFileAsync(string path, string mediaType, IReadOnlyDictionary<string, string>? annotations = null, CancellationToken cancellationToken = default)
    {
        string digest;
        await using (var stream = File.OpenRead(path)) digest = OciDigest.Of(stream);
        var size = new FileInfo(path).Length;
        await PushBlobAsync(() => File.OpenRead(path), digest, size, cancellationToken);
        return new OciDescriptor(mediaType, digest, size, annotations);
    }

    /// <summary>Uploads the content <paramref name="open"/> returns as blob <paramref name="digest"/>, unless the registry has it.</summary>
    public async Task PushBlobAsync(Func<Stream> open, string digest, long size, CancellationToken cancellationToken = default)
    {
        if (await BlobExistsAsync(digest, cancellationToken)) return;
        // Monolithic upload: start a session, then PUT the whole content with its digest; the registry checks it.
        using var response = await SendAsync(() =>
        {
            return new HttpRequestMessage(HttpMethod.Post, $"{V2}/blobs/uploads/");
        }, cancellationToken);
        await EnsureSuccess(response, $"start uploading blob {Short(digest)}", cancellationToken);
        var location = response.Headers.Location ?? throw new OciException($"The registry {Address} answered the upload of blob {Short(digest)} without a Location.");
        var target = location.IsAbsoluteUri ? location : new Uri(Address.Registry, location);
        var separator = target.Query.Length > 0 ? "&" : "?";
        var put = new Uri(target + separator + "digest=" + Uri.EscapeDataString(digest));
        using var done = await SendAsync(() =>
        {
            var stream = open();
            HttpContent content = size <= ReplayableBytes ? new ByteArrayContent(ReadAll(stream)) : new StreamContent(stream, 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = size;
            return new HttpRequestMessage(HttpMethod.Put, put) { Content = content };
        }, cancellationToken);
        await EnsureSuccess(done, $"upload blob {Short(digest)} ({size:N0} bytes)", cancellationToken);
    }

    /// <summary>Downloads a blob of at most <paramref name="maxBytes"/> bytes and checks its digest.</summary>
    public async Task<byte[]> GetBlobAsync(string digest, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{V2}/blobs/{digest}"), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccess(response, $"download blob {Short(digest)}", cancellationToken);
        if (response.Content.Headers.ContentLength is { } length && length > maxBytes)
            throw new OciException($"Blob {Short(digest)} in {Address} is {length:N0} bytes, more than the {maxBytes:N0} expected; refusing it.");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new OciException($"Blob {Short(digest)} in {Address} is more than the {maxBytes:N0} bytes expected; refusing it.");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var actual = OciDigest.Of(bytes);
        return actual == digest ? bytes : throw new OciDigestMismatchException($"Blob {digest} from {Address} has digest {actual}: it was altered in the registry or on the way; refusing it.", digest, actual);
    }

    /// <summary>Downloads a blob into <paramref name="path"/> (written whole or not at all) and checks its digest.</summary>
    public async Task DownloadBlobAsync(string digest, string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{V2}/blobs/{digest}"), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccess(response, $"download blob {Short(digest)}", cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var chunk = new byte[1 << 16];
                int read;
                while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    hash.AppendData(chunk, 0, read);
                    await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                }
                target.Flush(flushToDisk: true);
            }
            var actual = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != digest)
                throw new OciDigestMismatchException($"Blob {digest} from {Address} has digest {actual}: it was altered in the registry or on the way; {path} was not written.", digest, actual);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Pushes a manifest under <paramref name="reference"/> (a tag, or its own digest) and returns its digest.</summary>
    public async Task<string> PutManifestAsync(string reference, byte[] manifest, string mediaType = OciManifest.ImageManifestMediaType, CancellationToken cancellationToken = default)
    {
        var digest = OciDigest.Of(manifest);
        using var response = await SendAsync(() =>
        {
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            return new HttpRequestMessage(HttpMethod.Put, $"{V2}/manifests/{reference}") { Content = content };
        }, cancellationToken);
        await EnsureSuccess(response, $"push manifest {reference}", cancellationToken);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } answered && answered != digest)
            throw new OciException($"The registry {Address} stored manifest {reference} as {Short(answered)}, not the {Short(digest)} sent.");
        return digest;
    }

    /// <summary>The manifest <paramref name="reference"/> names (tag or digest), verified against its digest; null when absent.</summary>
    public async Task<(byte[] Bytes, string Digest)?> GetManifestAsync(string reference, long maxBytes = 4 << 20, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"{V2}/manifests/{reference}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifest.ImageManifestMediaType));
            return request;
        }, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureSuccess(response, $"read manifest {reference}", cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length > maxBytes) throw new OciException($"Manifest {reference} in {Address} is {bytes.Length:N0} bytes, more than {maxBytes:N0}; refusing it.");
        var digest = OciDigest.Of(bytes);
        if (OciDigest.IsValid(reference) && reference != digest)
            throw new OciException($"Manifest {Short(reference)} from {Address} has digest {Short(digest)}: it was altered; refusing it.");
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } answered && answered != digest)
            throw new OciException($"Manifest {reference} from {Address} does not match the digest the registry gives for it ({Short(answered)} vs {Short(digest)}); refusing it.");
        return (bytes, digest);
    }

    /// <summary>The digest tag <paramref name="tag"/> points at, or null when there is no such tag.</summary>
    public async Task<string?> ResolveTagAsync(string tag, CancellationToken cancellationToken = default) =>
        await GetManifestAsync(tag, cancellationToken: cancellationToken) is { } manifest ? manifest.Digest : null;

    /// <summary>Every tag of the repository (following pagination); empty when the repository does not exist yet.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken = default)
    {
        var tags = new List<string>();
        string? next = $"{V2}/tags/list?n=1000";
        while (next is not null)
        {
            var page = next;
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, page), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return tags;
            await EnsureSuccess(response, "list tags", cancellationToken);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (document.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
                tags.AddRange(list.EnumerateArray().Select(t => t.GetString()).OfType<string>());
            next = NextPage(response);
        }
        return tags;
    }

    /// <summary>Deletes the manifest <paramref name="digest"/> (and so every tag pointing at it); absent is not an error.</summary>
    public async Task DeleteManifestAsync(string digest, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{V2}/manifests/{digest}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return;
        await EnsureSuccess(response, $"delete manifest {Short(digest)}", cancellationToken);
    }

    // RFC 5988 Link header: <url>; rel="next".
    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            var start = link.IndexOf('<');
            var end = link.IndexOf('>');
            if (start >= 0 && end > start && link.Contains("rel=\"next\"", StringComparison.Ordinal)) return link[(start + 1)..end];
        }
        return null;
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await _retry.ExecuteAsync(async token =>
            {
                using var request = create();
                return await _http.SendAsync(request, completion, token);
            }, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new OciException($"The registry {Address.Registry.Authority} could not be reached ({Scrub(e.GetBaseException().Message)}); is it running, and is the address right?", inner: e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OciException($"The registry {Address.Registry.Authority} did not answer in time.", inner: e);
        }
    }

    private async Task EnsureSuccess(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var detail = await RegistryError(response, cancellationToken);
        var advice = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " The registry wants credentials: give the registry username and password (or token) parameters.",
            HttpStatusCode.Forbidden => " The credentials may not do this (read-only credentials cannot push or delete).",
            HttpStatusCode.MethodNotAllowed when what.StartsWith("delete", StringComparison.Ordinal) => " The registry does not allow deletion (Distribution: storage.delete.enabled).",
            _ => "",
        };
        throw new OciException($"Could not {what} in {Address}: the registry answered {status} {response.ReasonPhrase}{detail}.{advice}", status);
    }

    // Distribution's error body: {"errors":[{"code":"…","message":"…"}]}. Only code and message, shortened and scrubbed.
    private async Task<string> RegistryError(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text.Length > 16_384 ? "{}" : text);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return "";
            var first = errors.EnumerateArray().FirstOrDefault();
            if (first.ValueKind != JsonValueKind.Object) return "";
            var code = first.TryGetProperty("code", out var c) ? c.GetString() : null;
            var message = first.TryGetProperty("message", out var m) ? m.GetString() : null;
            var said = Scrub($"{code}: {message}");
            return " (" + (said.Length > 200 ? said[..200] + "…" : said) + ")";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private string Scrub(string text)
    {
        foreach (var secret in _credentials?.SecretValues ?? []) text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }

    private static string Short(string digest) => digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length > 19 ? digest[..19] + "…" : digest;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
