using System.Runtime.InteropServices;

namespace PerfLab.Results.Untrusted;

/// <summary>What a path finally names on disk: the (device, inode) pair on Linux, so a symbolic link or a hard link to a file
/// is recognised as that file; elsewhere the path with every link resolved.</summary>
internal readonly record struct FileIdentity(ulong Device, ulong Inode, string? ResolvedPath)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;

    /// <summary>The identity of the existing file <paramref name="path"/> (links followed).</summary>
    public static FileIdentity Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // struct statx has the same layout on every Linux architecture: stx_ino at byte 32, stx_dev_major and
                // stx_dev_minor at 136 and 140 (include/uapi/linux/stat.h).
                var buffer = new byte[256];
                if (Statx(AtFdCwd, full, 0, StatxIno, buffer) == 0)
                {
                    var inode = BitConverter.ToUInt64(buffer, 32);
                    var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
                    return new FileIdentity(device, inode, null);
                }
            }
            catch (EntryPointNotFoundException)
            {
            }
            catch (DllNotFoundException)
            {
            }
        }
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        return new FileIdentity(0, 0, target);
    }

    /// <summary>The identity of <paramref name="path"/>, or null when it does not exist.</summary>
    public static FileIdentity? OfExisting(string path) => File.Exists(path) ? Of(path) : null;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
