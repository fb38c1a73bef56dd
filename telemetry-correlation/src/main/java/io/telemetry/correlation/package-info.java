package io.telemetry.correlation;
