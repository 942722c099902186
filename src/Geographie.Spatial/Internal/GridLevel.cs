namespace Geographie.Spatial.Internal;

/// <summary>
/// One uniform grid of the adaptive grid hierarchy: origin, cell size, dimensions, and where its cell words start
/// in <see cref="GridIndex"/>'s word array. Cell (i, j) spans [Ox + i·W, Ox + (i+1)·W] × [Oy + j·H, Oy + (j+1)·H] degrees.
/// Only the top grid is stored; the nearest-boundary walk derives a sub-grid's view from its parent cell on the fly.
/// </summary>
internal readonly record struct GridLevel(double Ox, double Oy, double InvW, double InvH, double W, double H, int Nx, int Ny, int Offset);
