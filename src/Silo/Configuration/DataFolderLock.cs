namespace Relief.Silo.Configuration;

/// <summary>
/// In embedded mode one process owns the SQLite file: a second silo (or an import while the silo serves)
/// would cache grain state behind the first one's back. The owner holds an exclusive lock on a file in the
/// data folder for its whole life; the operating system drops it when the process ends, however it ends.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string FileName = "relief.lock";

    private readonly FileStream? _lock;

    private DataFolderLock(FileStream? held) => _lock = held;

    /// <summary>Takes the lock in embedded mode (nothing to take in PostgreSQL mode).</summary>
    public static DataFolderLock Acquire(StorageSettings settings)
    {
        if (settings.Mode != StorageMode.Embedded)
        {
            return new DataFolderLock(null);
        }
        Directory.CreateDirectory(settings.DataFolder);
        var path = Path.Combine(settings.DataFolder, FileName);
        try
        {
            var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            held.SetLength(0);
            using (var writer = new StreamWriter(held, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }
            return new DataFolderLock(held);
        }
        catch (IOException ex)
        {
            throw new DataFolderInUseException(settings.DataFolder, ex);
        }
    }

    public void Dispose() => _lock?.Dispose();
}

/// <summary>Another Relief process already owns the embedded data folder.</summary>
public sealed class DataFolderInUseException(string folder, Exception inner)
    : Exception($"The data folder {folder} is in use by another Relief process (a running silo?). " +
                "In embedded mode one process owns the SQLite file: stop the other process first.", inner);
