using System.Net;
using System.Net.Sockets;

namespace ServeLoad;

/// <summary>
/// One keep-alive HTTP/1.1 connection with at most one request in flight: sends the prepared request bytes and reads
/// the response (Content-Length or chunked) on the socket engine's completion, then reports it to the load.
/// </summary>
sealed class HttpConnection
{
    readonly Socket _socket;
    readonly SocketAsyncEventArgs _receive = new();
    readonly byte[] _buffer = new byte[16 * 1024];
    readonly byte[] _request;
    readonly Action<HttpConnection, long, int> _completed;
    int _received;

    HttpConnection(Socket socket, byte[] request, Action<HttpConnection, long, int> completed)
    {
        _socket = socket;
        _request = request;
        _completed = completed;
        _receive.SetBuffer(_buffer, 0, _buffer.Length);
        _receive.Completed += (_, _) => OnReceived();
    }

    /// <summary>The send time the load scheduled for the request in flight (Stopwatch ticks).</summary>
    public long Scheduled { get; private set; }

    public static HttpConnection Open(IPEndPoint endPoint, byte[] request, Action<HttpConnection, long, int> completed)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(endPoint);
        return new HttpConnection(socket, request, completed);
    }

    /// <summary>Sends the request scheduled at <paramref name="scheduled"/>; the completion callback reports its status (0: failed).</summary>
    public void Send(long scheduled)
    {
        Scheduled = scheduled;
        _received = 0;
        try
        {
            _socket.Send(_request);
            _receive.SetBuffer(0, _buffer.Length);
            if (!_socket.ReceiveAsync(_receive)) OnReceived();
        }
        catch (SocketException)
        {
            _completed(this, scheduled, 0);
        }
    }

    void OnReceived()
    {
        while (true)
        {
            if (_receive.SocketError != SocketError.Success || _receive.BytesTransferred == 0)
            {
                _completed(this, Scheduled, 0);
                return;
            }
            _received += _receive.BytesTransferred;
            if (Complete(_buffer.AsSpan(0, _received)) is var status and > 0)
            {
                _completed(this, Scheduled, status);
                return;
            }
            if (_received == _buffer.Length)
            {
                _completed(this, Scheduled, 0); // a response larger than the buffer: not what this client measures
                return;
            }
            _receive.SetBuffer(_received, _buffer.Length - _received);
            if (_socket.ReceiveAsync(_receive)) return;
        }
    }

    // The status code once the whole response is in, else 0.
    static int Complete(ReadOnlySpan<byte> response)
    {
        var headerEnd = response.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0 || response.Length < 12) return 0;
        var status = (response[9] - '0') * 100 + (response[10] - '0') * 10 + (response[11] - '0');
        var headers = response[..headerEnd];
        var body = response[(headerEnd + 4)..];
        var lengthAt = IndexOfIgnoreCase(headers, "\r\ncontent-length:"u8);
        if (lengthAt >= 0)
        {
            var value = headers[(lengthAt + 17)..];
            var end = value.IndexOf((byte)'\r');
            if (end >= 0) value = value[..end];
            long length = 0;
            foreach (var b in value) if (b is >= (byte)'0' and <= (byte)'9') length = length * 10 + (b - '0');
            return body.Length >= length ? status : 0;
        }
        // Chunked (Kestrel streams a body written before its length is known): complete at the last, empty chunk.
        return body.EndsWith("0\r\n\r\n"u8) ? status : 0;
    }

    static int IndexOfIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase)
    {
        for (var i = 0; i + lowerCase.Length <= text.Length; i++)
        {
            var match = true;
            for (var j = 0; j < lowerCase.Length && match; j++) match = (text[i + j] | 0x20) == (lowerCase[j] | 0x20);
            if (match) return i;
        }
        return -1;
    }

    public void Close() => _socket.Dispose();
}
