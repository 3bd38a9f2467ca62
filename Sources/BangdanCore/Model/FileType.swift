/// What a path turned out to be, as `lstat` sees it (a symbolic link is a link, never what it points at).
public enum FileType: Hashable, Sendable {
    case regular, directory, symlink, fifo, socket, characterDevice, blockDevice, unknown

    public func name(_ l: Language) -> String {
        switch self {
        case .regular: l.pick("普通文件", "a regular file")
        case .directory: l.pick("文件夹", "a folder")
        case .symlink: l.pick("符号链接", "a symbolic link")
        case .fifo: l.pick("命名管道（FIFO）", "a named pipe (FIFO)")
        case .socket: l.pick("套接字", "a socket")
        case .characterDevice, .blockDevice: l.pick("设备文件", "a device file")
        case .unknown: l.pick("特殊文件", "a special file")
        }
    }
}
