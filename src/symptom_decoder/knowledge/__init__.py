"""Knowledge packs: medicine as versioned data, checked at load.

``models`` and ``conditions`` define what a pack may say; ``loader`` reads a pack folder
and checks it (``graph`` does the cross-file checks); ``pack`` is the loaded result;
``derived`` lists the values computed from answers that conditions may read.
"""

from symptom_decoder.knowledge.loader import PACKS, PackError, load_pack, load_pack_dir
from symptom_decoder.knowledge.pack import Pack

__all__ = ["PACKS", "Pack", "PackError", "load_pack", "load_pack_dir"]
