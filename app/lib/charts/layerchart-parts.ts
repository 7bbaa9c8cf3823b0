/** The LayerChart components the dashboards draw with: importing this module (not the package) keeps the lazy chunk tree-shaken. */
export { AreaChart, BarChart, LineChart } from 'layerchart';
