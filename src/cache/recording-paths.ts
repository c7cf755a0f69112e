/**
 * Path lookups that tell a {@link DependencyRecorder} what they answered, so
 * that a cached finding about a cited or linked path is dropped when that
 * path changes kind (appears, disappears, becomes a folder).
 */
import type { FileSystem } from '../fs/file-system.js';
import { RepoPaths, type PathKind } from '../fs/repo-paths.js';
import type { DependencyRecorder } from './dependencies.js';

/** {@link RepoPaths} that records each answer into the recorder's current document. */
export class RecordingPaths extends RepoPaths {
  private readonly recorder: DependencyRecorder;

  /**
   * @param root - absolute repository root
   * @param recorder - receives `(path, kind)` for the document being checked
   */
  constructor(root: string, fs: FileSystem, recorder: DependencyRecorder) {
    super(root, fs);
    this.recorder = recorder;
  }

  override kind(relativePath: string): PathKind {
    const answer = super.kind(relativePath);
    this.recorder.current?.paths.set(relativePath, answer);
    return answer;
  }
}
