/**
 * Running a command on the bounding box of an area selection: the box, the larger window read around it so that
 * the model sees real neighbouring pixels (the halo), and sinks that keep only the box of what the window gives.
 */
package org.aerolux.plugins.region;
