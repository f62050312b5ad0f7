using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;

namespace Intranet.Tests.Support;

/// <summary>
/// Everything a page's browser receives and sends: every WebSocket frame (the Blazor circuit's render batches
/// and calls) and every HTTP response body, with the parts of a downloaded spreadsheet unzipped, as text.
/// </summary>
public sealed class BrowserCapture
{
    private readonly ConcurrentQueue<string> _chunks = new();
    private readonly List<Task> _pending = [];

    private BrowserCapture()
    {
    }

    public int FrameCount { get; private set; }

    /// <summary>Responses whose body could not be read in time; a capture with gaps proves nothing.</summary>
    public ConcurrentQueue<string> Unread { get; } = new();

    public static BrowserCapture Attach(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var capture = new BrowserCapture();
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => capture.AddFrame(frame);
            socket.FrameSent += (_, frame) => capture.AddFrame(frame);
        };
        // Read once the whole body is in: a body asked for earlier is lost if the page navigates meanwhile.
        page.RequestFinished += (_, request) =>
        {
            lock (capture._pending)
            {
                capture._pending.Add(capture.ReadAsync(request));
            }
        };
        return capture;
    }

    /// <summary>A body fetched with the page's cookies outside the page (an export link).</summary>
    public void AddBody(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);

        // An .xlsx is a zip: its cells are only readable once unpacked.
        if (body is [(byte)'P', (byte)'K', ..])
        {
            using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                _chunks.Enqueue(reader.ReadToEnd());
            }

            return;
        }

        _chunks.Enqueue(Encoding.UTF8.GetString(body));
    }

    /// <summary>All captured text so far, once every response body has been read.</summary>
    public async Task<string> TextAsync()
    {
        Task[] pending;
        lock (_pending)
        {
            pending = [.. _pending];
        }

        await Task.WhenAll(pending);
        return string.Join("\n", _chunks);
    }

    /// <summary>Waits (a few seconds at most) until the captured text holds <paramref name="value"/>.</summary>
    public async Task<bool> EventuallyContainsAsync(string value)
    {
        for (var i = 0; i < 50; i++)
        {
            if ((await TextAsync()).Contains(value, StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private void AddFrame(IWebSocketFrame frame)
    {
        FrameCount++;

        // Blazor's circuit speaks MessagePack; its strings are plain UTF-8 inside the binary frames.
        _chunks.Enqueue(frame.Binary is { } binary ? Encoding.UTF8.GetString(binary) : frame.Text ?? string.Empty);
    }

    private async Task ReadAsync(IRequest request)
    {
        try
        {
            // The circuit's WebSocket upgrade has no body; its frames are captured above.
            if (await request.ResponseAsync() is not { Status: not 101 } response)
            {
                return;
            }

            AddBody(await response.BodyAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }
        catch (PlaywrightException)
        {
            // Redirects have no body.
        }
        catch (TimeoutException)
        {
            Unread.Enqueue(request.Url);
        }
    }
}
