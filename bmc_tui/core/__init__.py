"""The canvas model: dataclasses, validation, load and save, fit rules.

This package must never import textual or questionary: the line mode, the
``check`` and ``export`` commands and the tests all use it without a screen.
"""

from .canvas import (
    ADDRESSED_BY,
    COSTS,
    FORMAT_VERSION,
    ITEM_KINDS,
    MARKETS,
    MEDIUMS,
    MOTIVATIONS,
    OFFER_KINDS,
    OWNERS,
    PHASES,
    PHASE_GROUPS,
    PROFILE_KINDS,
    REACHES,
    RELATIONSHIP_TYPES,
    STATUSES,
    STEP_IDS,
    WORTHS,
    Canvas,
    Channel,
    Item,
    ItemKind,
    Relationship,
    Segment,
    move,
    slugify,
)
from .storage import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    CanvasError,
    Problem,
    SaveError,
    canvas_from_dict,
    canvas_to_dict,
    dump_canvas,
    load_canvas,
    parse_canvas,
    read_canvas_bytes,
    remove_stale_temporaries,
    save_canvas,
    stale_temporaries,
    write_atomically,
)
