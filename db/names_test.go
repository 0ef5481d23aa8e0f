package db

import "testing"

func TestDepartmentKey(t *testing.T) {
	tests := []struct {
		name, region, want string
	}{
		{"上海市普陀区人民政府万里街道办事处", "", "上海市普陀区万里街道"},
		{"上海市普陀区万里街道办事处", "上海市普陀区", "上海市普陀区万里街道"},
		{"普陀区人民政府万里街道办事处", "上海市普陀区", "上海市普陀区万里街道"},
		{"上海市普陀区人民政府 万里街道办事处", "", "上海市普陀区万里街道"},
		{"上海市普陀区人民政府办公室", "", "上海市普陀区人民政府办公室"},
		{"上海市普陀区财政局", "上海市普陀区", "上海市普陀区财政局"},
		{"普陀区财政局", "上海市普陀区", "上海市普陀区财政局"},
		{"曾都区政务服务和大数据管理局", "曾都区", "曾都区政务服务和大数据管理局"},
		{"政务服务和大数据管理局", "曾都区", "曾都区政务服务和大数据管理局"},
		{"曾都区政务服务和大数据管理局（本级）", "", "曾都区政务服务和大数据管理局本级"},
		{"ＡＢＣ局", "", "ABC局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DepartmentKey(tt.name, tt.region); got != tt.want {
				t.Errorf("DepartmentKey(%q, %q) = %q, want %q", tt.name, tt.region, got, tt.want)
			}
		})
	}
}

func TestRegionFromName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"上海市普陀区人民政府万里街道办事处", "上海市普陀区"},
		{"上海市普陀区财政局", "上海市普陀区"},
		{"曾都区政务服务和大数据管理局", "曾都区"},
		{"湖北省随州市曾都区教育局", "湖北省随州市曾都区"},
		{"万里社区卫生服务中心", ""},
		{"教育局", ""},
		{"曾都区市场监督管理局", "曾都区"},
		{"市场监督管理局", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RegionFromName(tt.name); got != tt.want {
				t.Errorf("RegionFromName(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
