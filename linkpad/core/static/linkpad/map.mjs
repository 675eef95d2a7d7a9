// The directory's results map. Only drawn when the page carries a map (tiles are configured);
// the list of results is always there and works without it.
const element = document.getElementById("results-map");
if (element && window.L) {
  const markers = JSON.parse(element.dataset.markers || "[]");
  const map = window.L.map(element, { scrollWheelZoom: false });
  window.L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
  const points = [];
  for (const marker of markers) {
    const point = [marker.lat, marker.lon];
    points.push(point);
    const link = document.createElement("a");
    link.href = marker.href;
    link.textContent = marker.name;
    window.L.marker(point, { title: marker.name, alt: marker.name }).addTo(map).bindPopup(link);
  }
  if (element.dataset.centre) {
    const [lat, lon] = element.dataset.centre.split(",").map(Number);
    points.push([lat, lon]);
  }
  if (points.length) {
    map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
  }
  element.hidden = false;
}
