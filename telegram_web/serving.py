"""What a serving process does once its app is built, before the first request (app.py)."""
import gc


def freeze_startup_objects() -> None:
    """Keep what the start built out of the garbage collector's full collections: modules, Telethon's thousands
    of TL classes, templates and the app live as long as the process, and scanning them took ~70 ms with the GIL
    held, which the Telegram loop thread and every request waited behind, more often the more polls allocate
    (bench/hop_free.py measures the loop's lag both ways). Objects made later are collected as usual."""
    gc.collect()
    gc.freeze()
