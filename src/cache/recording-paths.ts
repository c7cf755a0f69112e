/**
 * Path lookups that tell a {@link DependencyRecorder} what they answered, so
 * that a cached finding about a cited or linked path is dropped when that
 * path changes kind (appears, disappears, becomes a folder).
 */
import type { FileSystem } from '../fs/file-system.js';
import { RepoPaths, type PathKind } from '../fs/repo-paths.js';
import type { DependencyRecorder, DependencySet } from './dependencies.js';

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

  /** Records into this set rather than the recorder's current one (see {@link forDocument}). */
  private sink: DependencySet | undefined;

  override kind(relativePath: string): PathKind {
    const answer = super.kind(relativePath);
    (this.sink ?? this.recorder.current)?.paths.set(relativePath, answer);
    return answer;
  }

  /**
   * A view of these lookups (same answers, same memory) that records into one document's set, also after an
   * `await` in an asynchronous rule, when the recorder's current document may be another one.
   */
  forDocument(set: DependencySet): RecordingPaths {
    const view = Object.create(this) as RecordingPaths;
    view.sink = set;
    return view;
  }
}
