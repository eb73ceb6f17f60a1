import { useEffect, useState } from 'react';
import type { PackManifest } from '../../domain/pack-manifest';
import { packSourceFor } from '../../store/pack-sources';

/**
 * The pack's manifest alone (one small JSON file, validated), so the form can be drawn while
 * TF.js and the model files are still loading. Null until it arrives or when it fails (the
 * engine's load then reports why).
 */
export function useManifest(packId: string): PackManifest | null {
  const [state, setState] = useState<{ packId: string; manifest: PackManifest } | null>(null);
  useEffect(() => {
    let live = true;
    packSourceFor(packId)
      .then((source) => source.manifest(packId))
      .then(
        (manifest) => {
          if (live) setState({ packId, manifest });
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [packId]);
  return state?.packId === packId ? state.manifest : null;
}
