package io.telemetry.simulate;
