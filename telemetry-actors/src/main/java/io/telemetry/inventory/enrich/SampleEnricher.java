package io.telemetry.inventory.enrich;

import io.telemetry.inventory.Target;
import io.telemetry.sample.Sample;
import java.util.Collection;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The pipeline's enrichment stage: adds {@link EnrichmentTags} to each sample. The tags in force
 * are one immutable value, replaced whole when the inventory or a map changes (from the inventory
 * listener and the map refresh timer), so {@link #enrich} never blocks and never sees half an
 * update. Plug it into the pipeline with {@code SamplePipeline.start(..., enricher)}.
 */
public final class SampleEnricher implements UnaryOperator<Sample> {

  // Written by the (single) updater, read by the stream: an immutable value behind a volatile.
  private volatile EnrichmentTags tags;

  public SampleEnricher(EnrichmentTags initial) {
    this.tags = Objects.requireNonNull(initial, "initial");
  }

  /** Pure and cheap: a map lookup per sample (two more for BGP samples). */
  public Sample enrich(Sample sample) {
    return tags.enrich(sample);
  }

  @Override
  public Sample apply(Sample sample) {
    return enrich(sample);
  }

  /** New targets (after an inventory refresh): their labels become the tags. */
  public synchronized void targets(Collection<Target> targets) {
    tags = tags.withTargets(targets);
  }

  /** New maps (after {@link ExternalMaps#refresh()}). */
  public synchronized void maps(ExternalMaps.Snapshot maps) {
    tags = tags.withMaps(maps);
  }

  public EnrichmentTags current() {
    return tags;
  }
}
